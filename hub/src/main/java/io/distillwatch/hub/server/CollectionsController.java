package io.distillwatch.hub.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.taxii.TaxiiMedia;
import io.javalin.http.Context;

/** Lists the collections a member can see (read or write), and one collection. */
final class CollectionsController {

  private final HubContext hub;

  CollectionsController(HubContext hub) {
    this.hub = hub;
  }

  void list(Context ctx) {
    String member = HubContext.member(ctx).name();
    ObjectNode body = Json.object();
    ArrayNode arr = body.putArray("collections");
    for (HubConfig.Collection c : hub.config().collections()) {
      if (c.canRead(member) || c.canWrite(member)) {
        arr.add(describe(c, member));
      }
    }
    if (arr.isEmpty()) {
      body.remove("collections");
    }
    Json.send(ctx, 200, body);
  }

  void one(Context ctx) {
    HubConfig.Collection c = hub.visibleCollection(ctx);
    Json.send(ctx, 200, describe(c, HubContext.member(ctx).name()));
  }

  private static ObjectNode describe(HubConfig.Collection c, String member) {
    ObjectNode o = Json.object();
    o.put("id", c.id());
    o.put("title", c.title() == null ? c.id() : c.title());
    if (c.description() != null) {
      o.put("description", c.description());
    }
    o.put("can_read", c.canRead(member));
    o.put("can_write", c.canWrite(member));
    o.putArray("media_types").add(TaxiiMedia.STIX);
    return o;
  }
}
