package io.distillwatch.hub.server;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.auth.RateLimiter;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.ingest.Admission;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiException;
import io.distillwatch.hub.taxii.TaxiiTime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAXII 2.1 hub: Javalin routes over small controllers, a guard before every route, TAXII error
 * bodies for every failure, and an audit-log entry for every request (who, what, which collection,
 * outcome).
 */
public final class HubServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);

  private static final String AUDITED = "dw.audited";

  private final Javalin app;
  private org.eclipse.jetty.server.ServerConnector tlsConnector;
  private final HubStore store;
  private final Clock clock;

  private HubServer(HubConfig config, HubStore store, Clock clock, String host, int port,
      java.util.function.Function<String, String> env) {
    this.store = store;
    this.clock = clock;
    HubConfig.Limits limits = config.limitsOrDefault();
    Members members = new Members(config.members());
    Admission admission = new Admission(members, limits.maxDepthOrDefault(), limits.maxObjectBytesOrDefault(),
        limits.maxObjectsPerRequestOrDefault());
    HubContext hub = new HubContext(config, members, store, admission, clock);
    RequestGuard guard = new RequestGuard(members,
        new RateLimiter(limits.requestsPerMinuteOrDefault(), limits.burstOrDefault(), System::nanoTime),
        limits.maxContentLengthOrDefault());
    DiscoveryController discovery = new DiscoveryController(hub);
    CollectionsController collections = new CollectionsController(hub);
    ObjectsController objects = new ObjectsController(hub);
    StatusController status = new StatusController(hub);
    String root = "/" + config.apiRootOrDefault();
    String collection = root + "/collections/{collection}";
    String object = collection + "/objects/{object}";

    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = limits.maxContentLengthOrDefault();
      cfg.jetty.modifyServer(server -> {
        server.setStopTimeout(0);
        server.setErrorHandler(new ProtocolErrorHandler());
      });
      if (config.tls() != null) {
        cfg.jetty.addConnector((server, http) -> {
          tlsConnector = TlsConnector.create(server, http, config.tls(), env, host, port);
          return tlsConnector;
        });
      }
    });
    app.before(guard::handle);
    app.get("/taxii2/", discovery::discovery);
    app.get(root + "/", discovery::apiRoot);
    app.get(root + "/collections/", collections::list);
    app.get(collection + "/", collections::one);
    app.get(collection + "/objects/", objects::getObjects);
    app.post(collection + "/objects/", objects::addObjects);
    app.get(collection + "/manifest/", objects::manifest);
    app.get(object + "/", objects::getObject);
    app.delete(object + "/", objects::deleteObject);
    app.get(object + "/versions/", objects::versions);
    app.get(root + "/status/{status}/", status::get);
    refuseOtherMethods(Map.of("/taxii2/", "GET", root + "/", "GET", root + "/collections/", "GET",
        collection + "/", "GET", collection + "/objects/", "GET, POST", collection + "/manifest/", "GET",
        object + "/", "GET, DELETE", object + "/versions/", "GET", root + "/status/{status}/", "GET"));
    app.exception(TaxiiException.class, (e, ctx) -> {
      Errors.write(ctx, e);
      audit(ctx);
    });
    app.exception(Exception.class, (e, ctx) -> {
      // Never a stack trace to the client; the log gets the class only (messages may hold input).
      LOG.warn("internal error {} on {} {}", e.getClass().getName(), ctx.method(), route(ctx));
      Errors.write(ctx, 500, "Internal Server Error", "internal", "the server failed; nothing was stored");
      audit(ctx);
    });
    app.error(404, ctx -> fallback(ctx, "Not Found", "not-found", "no such resource"));
    app.error(405, ctx -> fallback(ctx, "Method Not Allowed", "method-not-allowed", "method not allowed"));
    app.error(413, ctx -> fallback(ctx, "Payload Too Large", "too-large", "body too large"));
    app.error(400, ctx -> fallback(ctx, "Bad Request", "bad-request", "bad request"));
    app.after(this::audit);
  }

  /** Every other method on a known resource is a 405 naming the methods it supports. */
  private void refuseOtherMethods(Map<String, String> allowedByPath) {
    allowedByPath.forEach((path, allowed) -> {
      for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
          HandlerType.PATCH, HandlerType.TRACE)) {
        if (!List.of(allowed.split(", ")).contains(method.name())) {
          app.addHttpHandler(method, path, ctx -> {
            throw TaxiiException.methodNotAllowed(allowed);
          });
        }
      }
    });
  }

  private void fallback(Context ctx, String title, String code, String description) {
    if (ctx.attribute(Errors.WRITTEN) == null) {
      Errors.write(ctx, ctx.statusCode(), title, code, description);
    }
    audit(ctx);
  }

  /** The route template (no user input), or "(no route)". */
  private static String route(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      return "(no route)";
    }
  }

  private void audit(Context ctx) {
    if (ctx.attribute(AUDITED) != null) {
      return;
    }
    ctx.attribute(AUDITED, Boolean.TRUE);
    Members.Member m = ctx.attribute(HubContext.MEMBER);
    String collection = ctx.pathParamMap().get("collection");
    String action = ctx.method() + " " + route(ctx);
    String detail = ctx.attribute(HubContext.AUDIT_DETAIL);
    try {
      store.audit(new HubStore.AuditEntry(TaxiiTime.micros(clock.instant()), m == null ? "(unauthenticated)" : m.name(),
          action.length() > 60 ? action.substring(0, 60) : action,
          collection == null || collection.length() > 64 ? null : collection, ctx.statusCode(), detail));
    } catch (RuntimeException e) {
      LOG.error("audit log write failed: {}", e.getClass().getName());
    }
  }

  /** Starts a hub on {@code host:port} (port 0: any free port). */
  public static HubServer start(HubConfig config, HubStore store, Clock clock, String host, int port) {
    return start(config, store, clock, host, port, System::getenv);
  }

  /** As above; {@code env} resolves the {@code *_password_env} names of the TLS config (tests). */
  public static HubServer start(HubConfig config, HubStore store, Clock clock, String host, int port,
      java.util.function.Function<String, String> env) {
    HubServer server = new HubServer(config, store, clock, host, port, env);
    // With TLS configured, Javalin opens only the TLS connector (it adds a plain one only when none exists).
    server.app.start(host, port);
    return server;
  }

  public int port() {
    return tlsConnector != null ? tlsConnector.getLocalPort() : app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
