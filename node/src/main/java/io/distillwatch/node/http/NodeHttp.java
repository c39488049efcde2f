package io.distillwatch.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.node.metrics.NodeMetrics;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoredChange;
import io.distillwatch.util.Times;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's HTTP API (Javalin): {@code /healthz} (process up), {@code /readyz} (job running and store
 * reachable; 503 otherwise), {@code /metrics} (Prometheus text), {@code /api/alerts?limit=N} (newest
 * alerts, N in [1, 1000], default 100) and {@code /api/accounts/{id}} (verdict history; 404 when the
 * account never changed verdict). Handlers only translate; the store answers.
 */
public final class NodeHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Javalin app;

  private NodeHttp(Javalin app) {
    this.app = app;
  }

  /** @param jobState the job's status name (e.g. RUNNING), or a reason it is unknown */
  public static NodeHttp start(String host, int port, Supplier<String> jobState, NodeStore store, NodeMetrics metrics) {
    return start(host, port, jobState, store, metrics, app -> {});
  }

  /** As above, with routes of other features (e.g. PSI) added before the server starts. */
  public static NodeHttp start(String host, int port, Supplier<String> jobState, NodeStore store, NodeMetrics metrics,
      java.util.function.Consumer<Javalin> moreRoutes) {
    Javalin app =
        Javalin.create(cfg -> cfg.showJavalinBanner = false)
            .get("/healthz", ctx -> ctx.result("ok"))
            .get("/readyz", ctx -> ready(ctx, jobState.get(), store))
            .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.prometheusText()))
            .get("/api/alerts", ctx -> alerts(ctx, store))
            .get("/api/accounts/{id}", ctx -> account(ctx, store, ctx.pathParam("id")))
            .exception(Exception.class, (e, ctx) -> ctx.status(500).json(error("internal error")));
    moreRoutes.accept(app);
    app.start(host, port);
    return new NodeHttp(app);
  }

  public int port() {
    return app.port();
  }

  private static void ready(Context ctx, String job, NodeStore store) {
    boolean storeOk;
    synchronized (store) {
      storeOk = store.ping();
    }
    boolean ready = "RUNNING".equals(job) && storeOk;
    ObjectNode body = JSON.createObjectNode().put("ready", ready).put("job", job).put("store", storeOk);
    ctx.status(ready ? 200 : 503).json(body);
  }

  private static void alerts(Context ctx, NodeStore store) {
    String raw = ctx.queryParam("limit");
    int limit;
    try {
      limit = raw == null ? 100 : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      ctx.status(400).json(error("limit must be an integer in [1, 1000]"));
      return;
    }
    if (limit < 1 || limit > 1000) {
      ctx.status(400).json(error("limit must be an integer in [1, 1000]"));
      return;
    }
    List<StoredChange> alerts;
    synchronized (store) {
      alerts = store.alerts(limit);
    }
    ctx.json(changes(alerts));
  }

  private static void account(Context ctx, NodeStore store, String id) {
    List<StoredChange> history;
    String verdict;
    synchronized (store) {
      history = store.history("account", id);
      verdict = store.currentVerdict("account", id);
    }
    if (verdict == null) {
      ctx.status(404).json(error("no verdict change recorded for this account"));
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("kind", "account").put("id", id).put("verdict", verdict);
    body.set("history", changes(history));
    ctx.json(body);
  }

  private static ArrayNode changes(List<StoredChange> changes) {
    ArrayNode arr = JSON.createArrayNode();
    for (StoredChange c : changes) {
      ObjectNode o = arr.addObject();
      o.put("kind", c.kind()).put("id", c.id()).put("from", c.from()).put("to", c.to()).put("score", c.score())
          .put("at", Times.format(c.atMillis()));
      try {
        o.set("signals", JSON.readTree(c.signals()));
      } catch (java.io.IOException e) {
        o.putArray("signals");
      }
      o.put("seq", c.seq());
    }
    return arr;
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  @Override
  public void close() {
    app.stop();
  }
}
