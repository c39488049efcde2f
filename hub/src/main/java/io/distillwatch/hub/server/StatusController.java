package io.distillwatch.hub.server;

import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiException;
import io.javalin.http.Context;

/** Status resources, visible only to the member whose request created them. */
final class StatusController {

  private final HubContext hub;

  StatusController(HubContext hub) {
    this.hub = hub;
  }

  void get(Context ctx) {
    String id = ctx.pathParam("status");
    HubStore.StatusRecord status = hub.store().status(id)
        .filter(s -> s.member().equals(HubContext.member(ctx).name()))
        .orElseThrow(() -> TaxiiException.notFound("no such status"));
    Json.sendRaw(ctx, 200, status.json());
  }
}
