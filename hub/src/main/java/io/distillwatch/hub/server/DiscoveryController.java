package io.distillwatch.hub.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.taxii.TaxiiMedia;
import io.javalin.http.Context;

/** TAXII discovery ({@code /taxii2/}) and the API root resource. */
final class DiscoveryController {

  private final HubContext hub;

  DiscoveryController(HubContext hub) {
    this.hub = hub;
  }

  void discovery(Context ctx) {
    ObjectNode body = Json.object();
    body.put("title", hub.config().titleOrDefault());
    body.put("description", "TAXII 2.1 hub for signed STIX 2.1 distillation intelligence");
    String root = "/" + hub.config().apiRootOrDefault() + "/";
    body.put("default", root);
    body.putArray("api_roots").add(root);
    Json.send(ctx, 200, body);
  }

  void apiRoot(Context ctx) {
    ObjectNode body = Json.object();
    body.put("title", hub.config().titleOrDefault());
    body.putArray("versions").add(TaxiiMedia.TAXII);
    body.put("max_content_length", hub.config().limitsOrDefault().maxContentLengthOrDefault());
    Json.send(ctx, 200, body);
  }
}
