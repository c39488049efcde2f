package io.distillwatch.hub.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.store.Query;
import io.distillwatch.hub.taxii.TaxiiException;
import io.distillwatch.hub.taxii.TaxiiMedia;
import io.distillwatch.hub.taxii.TaxiiParams;
import io.distillwatch.hub.taxii.TaxiiTime;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Objects, object by id, versions, manifest, and adding/deleting objects. */
final class ObjectsController {

  private final HubContext hub;
  private final int maxPage;
  private final int maxContentLength;

  ObjectsController(HubContext hub) {
    this.hub = hub;
    this.maxPage = hub.config().limitsOrDefault().maxPageOrDefault();
    this.maxContentLength = hub.config().limitsOrDefault().maxContentLengthOrDefault();
  }

  void getObjects(Context ctx) {
    HubConfig.Collection c = hub.readable(ctx);
    Query q = TaxiiParams.parse(ctx.queryParamMap(), maxPage, "last");
    sendEnvelope(ctx, hub.store().query(c.id(), q));
  }

  void getObject(Context ctx) {
    HubConfig.Collection c = hub.readable(ctx);
    Query q = scoped(ctx, "last");
    HubStore.Page page = hub.store().query(c.id(), q);
    if (page.versions().isEmpty() && q.afterSeq() == null) {
      throw TaxiiException.notFound("no such object");
    }
    sendEnvelope(ctx, page);
  }

  void versions(Context ctx) {
    HubConfig.Collection c = hub.readable(ctx);
    HubStore.Page page = hub.store().query(c.id(), scoped(ctx, "all"));
    if (page.versions().isEmpty()) {
      throw TaxiiException.notFound("no such object");
    }
    ObjectNode body = Json.object();
    body.put("more", page.more());
    if (page.more()) {
      body.put("next", Long.toString(last(page).seq()));
    }
    ArrayNode arr = body.putArray("versions");
    page.versions().forEach(v -> arr.add(v.version()));
    dateHeaders(ctx, page);
    Json.send(ctx, 200, body);
  }

  void manifest(Context ctx) {
    HubConfig.Collection c = hub.readable(ctx);
    HubStore.Page page = hub.store().query(c.id(), TaxiiParams.parse(ctx.queryParamMap(), maxPage, "last"));
    ObjectNode body = Json.object();
    body.put("more", page.more());
    if (page.more()) {
      body.put("next", Long.toString(last(page).seq()));
    }
    if (!page.versions().isEmpty()) {
      ArrayNode arr = body.putArray("objects");
      for (HubStore.StoredVersion v : page.versions()) {
        ObjectNode m = arr.addObject();
        m.put("id", v.objectId());
        m.put("date_added", TaxiiTime.formatMicros(v.dateAddedMicros()));
        m.put("version", v.version());
        m.put("media_type", TaxiiMedia.STIX);
      }
    }
    dateHeaders(ctx, page);
    HubContext.auditDetail(ctx, ids(page));
    Json.send(ctx, 200, body);
  }

  void addObjects(Context ctx) {
    HubConfig.Collection c = hub.writable(ctx);
    Members.Member member = HubContext.member(ctx);
    byte[] body = readBody(ctx);
    String requested = TaxiiTime.formatMicros(TaxiiTime.micros(hub.clock().instant()));
    List<HubStore.NewVersion> versions = hub.admission().admit(body, member);
    List<HubStore.Outcome> outcomes;
    try {
      outcomes = hub.store().add(c.id(), member.name(), versions);
    } catch (HubStore.Refused e) {
      int status = "not-owner".equals(e.code()) ? 403 : 422;
      throw new TaxiiException(status, status == 403 ? "Forbidden" : "Unprocessable Entity", e.code(),
          e.objectId() + ": " + e.getMessage());
    }
    ObjectNode status = Json.object();
    String statusId = UUID.randomUUID().toString();
    status.put("id", statusId);
    status.put("status", "complete");
    status.put("request_timestamp", requested);
    status.put("total_count", versions.size());
    status.put("success_count", versions.size());
    ArrayNode successes = status.putArray("successes");
    for (int i = 0; i < versions.size(); i++) {
      ObjectNode s = successes.addObject();
      s.put("id", versions.get(i).objectId());
      s.put("version", versions.get(i).version());
      s.put("message", outcomes.get(i) == HubStore.Outcome.ADDED ? "added" : "already present, unchanged");
    }
    status.put("failure_count", 0);
    status.put("pending_count", 0);
    hub.store().saveStatus(statusId, member.name(), status.toString());
    HubContext.auditDetail(ctx, versions.stream().map(v -> v.objectId() + "@" + v.version())
        .collect(Collectors.joining(",")));
    Json.send(ctx, 202, status);
  }

  void deleteObject(Context ctx) {
    HubConfig.Collection c = hub.writable(ctx);
    if (!c.canRead(HubContext.member(ctx).name())) {
      throw TaxiiException.forbidden("no-read", "deleting requires read and write permission");
    }
    String objectId = ctx.pathParam("object");
    String creator = hub.store().creatorOf(c.id(), objectId)
        .orElseThrow(() -> TaxiiException.notFound("no such object"));
    if (!creator.equals(HubContext.member(ctx).identityId())) {
      throw TaxiiException.forbidden("not-owner", "only the object's creator may delete it");
    }
    int n = hub.store().delete(c.id(), objectId, scoped(ctx, "all"));
    if (n == 0) {
      throw TaxiiException.notFound("no matching version");
    }
    HubContext.auditDetail(ctx, objectId + " (" + n + " versions)");
    ctx.status(200);
    ctx.contentType(TaxiiMedia.TAXII);
  }

  private Query scoped(Context ctx, String defaultVersion) {
    Query q = TaxiiParams.parse(ctx.queryParamMap(), maxPage, defaultVersion);
    String id = ctx.pathParam("object");
    if (!id.matches("^[a-z][a-z0-9-]+--[0-9a-fA-F-]{36}$")) {
      throw TaxiiException.notFound("no such object");
    }
    return new Query(q.addedAfterMicros(), q.afterSeq(), List.of(id), q.types(), q.versions(), q.lastVersions(),
        q.firstVersions(), q.allVersions(), q.specVersions(), q.limit());
  }

  private void sendEnvelope(Context ctx, HubStore.Page page) {
    StringBuilder out = new StringBuilder(page.versions().size() * 1200 + 64);
    out.append("{\"more\":").append(page.more());
    if (page.more()) {
      out.append(",\"next\":\"").append(last(page).seq()).append('"');
    }
    if (!page.versions().isEmpty()) {
      out.append(",\"objects\":[");
      for (int i = 0; i < page.versions().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(page.versions().get(i).body());
      }
      out.append(']');
    }
    out.append('}');
    dateHeaders(ctx, page);
    HubContext.auditDetail(ctx, ids(page));
    Json.sendRaw(ctx, 200, out.toString());
  }

  private static void dateHeaders(Context ctx, HubStore.Page page) {
    if (!page.versions().isEmpty()) {
      ctx.header("X-TAXII-Date-Added-First", TaxiiTime.formatMicros(page.versions().get(0).dateAddedMicros()));
      ctx.header("X-TAXII-Date-Added-Last", TaxiiTime.formatMicros(last(page).dateAddedMicros()));
    }
  }

  private static HubStore.StoredVersion last(HubStore.Page page) {
    return page.versions().get(page.versions().size() - 1);
  }

  /** Audit detail: the versions served, up to ~3,900 characters, then how many more. */
  private static String ids(HubStore.Page page) {
    StringBuilder out = new StringBuilder().append(page.versions().size()).append(" versions: ");
    int i = 0;
    for (HubStore.StoredVersion v : page.versions()) {
      if (out.length() > 3900) {
        out.append(" … +").append(page.versions().size() - i).append(" more (seq ")
            .append(page.versions().get(0).seq()).append("..").append(last(page).seq()).append(')');
        break;
      }
      out.append(i++ == 0 ? "" : ",").append(v.objectId()).append('@').append(v.version());
    }
    return out.toString();
  }

  private byte[] readBody(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > maxContentLength) {
          throw new TaxiiException(413, "Payload Too Large", "too-large",
              "body larger than " + maxContentLength + " bytes");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw TaxiiException.badRequest("unreadable-body", "request body could not be read");
    }
  }
}
