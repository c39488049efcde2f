package io.distillwatch.hub.server;

import io.distillwatch.hub.taxii.TaxiiMedia;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty-level refusals (malformed request line, bad URI encoding, oversized headers) that never
 * reach a route: answered as TAXII error messages too, never as Jetty's HTML page.
 */
final class ProtocolErrorHandler extends ErrorHandler {

  ProtocolErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, TaxiiMedia.TAXII);
    fields.put("X-Content-Type-Options", "nosniff");
    fields.put("Cache-Control", "no-store");
    String title = org.eclipse.jetty.http.HttpStatus.getMessage(status).replaceAll("[^A-Za-z0-9 -]", "");
    String body = "{\"title\":\"" + title + "\",\"description\":\"the HTTP request could not be parsed\","
        + "\"error_id\":\"" + UUID.randomUUID() + "\",\"error_code\":\"bad-http\",\"http_status\":\"" + status + "\"}";
    return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
  }
}
