package io.distillwatch.hub.server;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.ingest.Admission;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiException;
import io.javalin.http.Context;
import java.time.Clock;

/** What the controllers share: configuration, members, store, admission rules, clock. */
record HubContext(HubConfig config, Members members, HubStore store, Admission admission, Clock clock) {

  static final String MEMBER = "dw.member";
  static final String AUDIT_DETAIL = "dw.audit";

  static Members.Member member(Context ctx) {
    Members.Member m = ctx.attribute(MEMBER);
    if (m == null) {
      throw new TaxiiException(401, "Unauthorized", "unauthenticated", "authentication required");
    }
    return m;
  }

  /** The collection if the member may see it (read or write); 404 otherwise, as TAXII prescribes. */
  HubConfig.Collection visibleCollection(Context ctx) {
    String member = member(ctx).name();
    return config.collection(ctx.pathParam("collection"))
        .filter(c -> c.canRead(member) || c.canWrite(member))
        .orElseThrow(() -> TaxiiException.notFound("no such collection"));
  }

  HubConfig.Collection readable(Context ctx) {
    HubConfig.Collection c = visibleCollection(ctx);
    if (!c.canRead(member(ctx).name())) {
      throw TaxiiException.forbidden("no-read", "this member may not read this collection");
    }
    return c;
  }

  HubConfig.Collection writable(Context ctx) {
    HubConfig.Collection c = visibleCollection(ctx);
    if (!c.canWrite(member(ctx).name())) {
      throw TaxiiException.forbidden("no-write", "this member may not write to this collection");
    }
    return c;
  }

  static void auditDetail(Context ctx, String detail) {
    ctx.attribute(AUDIT_DETAIL, detail);
  }
}
