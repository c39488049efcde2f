package io.distillwatch.hub.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.taxii.TaxiiException;
import io.javalin.http.Context;
import java.util.UUID;

/** TAXII 2.1 error messages. Internal failures get an error id to quote, never a stack trace. */
final class Errors {

  static final String WRITTEN = "dw.error.written";

  private Errors() {}

  static void write(Context ctx, TaxiiException e) {
    write(ctx, e.status(), e.title(), e.errorCode(), e.getMessage());
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"taxii\"");
    }
    if (e.allow() != null) {
      ctx.header("Allow", e.allow());
    }
    if (e.status() == 429) {
      ctx.header("Retry-After", "1");
    }
  }

  static void write(Context ctx, int status, String title, String code, String description) {
    ObjectNode body = Json.object();
    body.put("title", title);
    body.put("description", description);
    body.put("error_id", UUID.randomUUID().toString());
    body.put("error_code", code);
    body.put("http_status", Integer.toString(status));
    Json.send(ctx, status, body);
    ctx.attribute(WRITTEN, Boolean.TRUE);
  }
}
