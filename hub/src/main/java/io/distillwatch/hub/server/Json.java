package io.distillwatch.hub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.taxii.TaxiiMedia;
import io.javalin.http.Context;

/** Writes TAXII JSON responses; every body is served as application/taxii+json, never HTML. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static void send(Context ctx, int status, ObjectNode body) {
    try {
      sendRaw(ctx, status, MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sendRaw(Context ctx, int status, String json) {
    ctx.status(status);
    ctx.contentType(TaxiiMedia.TAXII);
    ctx.result(inert(json));
  }

  /**
   * Escapes {@code <}, {@code >} and {@code &} as JSON unicode escapes: same data, but no byte
   * sequence a browser or log viewer could take for markup. Valid for any JSON text, since these
   * characters can only occur inside strings.
   */
  static String inert(String json) {
    if (json.indexOf('<') < 0 && json.indexOf('>') < 0 && json.indexOf('&') < 0) {
      return json;
    }
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
