package io.distillwatch.node.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.util.Times;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The JSON the console's scripts read (and API clients may): the queue and its newest-alert state,
 * an account's hourly activity, a cluster's graph. Under {@code /api/}, so a session or an API token.
 */
final class ConsoleApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConsoleStore store;

  ConsoleApi(ConsoleStore store) {
    this.store = store;
  }

  void routes(Javalin app) {
    app.get("/api/queue", this::queue);
    app.get("/api/queue/state", ctx -> {
      ConsoleStore.QueueState s = store.queueState();
      ctx.json(JSON.createObjectNode().put("newest", s.newestMs()).put("alerts", s.alerts()));
    });
    app.get("/api/activity", ctx -> ctx.json(activity(store.activity(ConsolePages.required(ctx.queryParam("account"), "account", 512)))));
    app.get("/api/cluster-activity", ctx -> ctx.json(activity(store.clusterActivity(ConsolePages.required(ctx.queryParam("id"), "id", 64)))));
    app.get("/api/cluster-graph", this::graph);
    app.get("/api/labels", ctx -> ctx.contentType("application/x-ndjson; charset=utf-8").result(
        LabelsExport.jsonl(store.decisions(), c -> store.members(c).stream().map(ConsoleStore.Member::account).toList())));
  }

  private void queue(Context ctx) {
    ConsoleStore.Page<ConsoleStore.QueueRow> page = store.queue(QueueParams.parse(ctx::queryParam));
    ObjectNode body = JSON.createObjectNode().put("total", page.total()).put("total_capped", page.totalCapped())
        .put("page", page.page()).put("size", page.pageSize());
    ArrayNode rows = body.putArray("rows");
    for (ConsoleStore.QueueRow r : page.rows()) {
      ObjectNode o = rows.addObject().put("kind", r.kind()).put("id", r.id()).put("verdict", r.verdict()).put("score", r.score())
          .put("at", Times.format(r.atMs())).put("cluster", r.cluster()).put("decision", r.decision()).put("assignee", r.assignee());
      r.topSignals().forEach(o.putArray("signals")::add);
    }
    ctx.json(body);
  }

  private static ArrayNode activity(List<ConsoleStore.Activity> rows) {
    ArrayNode arr = JSON.createArrayNode();
    for (ConsoleStore.Activity a : rows) {
      arr.addObject().put("hour", Times.format(a.hourMs())).put("requests", a.requests()).put("input_tokens", a.inputTokens())
          .put("output_tokens", a.outputTokens()).put("models", a.models());
    }
    return arr;
  }

  /**
   * Nodes: the cluster's accounts (with verdict) and one node per kind of shared evidence; an edge from
   * each account to each evidence kind that links the cluster. Pairs are not stored, so the graph shows
   * which evidence binds the cluster, not which two accounts share a given card.
   */
  private void graph(Context ctx) {
    String id = ConsolePages.required(ctx.queryParam("id"), "id", 64);
    List<ConsoleStore.Member> members = store.members(id);
    Set<String> kinds = new LinkedHashSet<>();
    store.clusterDetails(id).ifPresent(d -> {
      try {
        JSON.readTree(d[0]).forEach(l -> kinds.add(l.path("kind").asText()));
      } catch (java.io.IOException e) {
        // no links to draw
      }
    });
    if (kinds.isEmpty()) {
      for (ConsoleStore.EvidenceRow e : store.evidence("cluster", id)) {
        addLinkedBy(kinds, e.evidence());
      }
      for (ConsoleStore.Member m : members) {
        for (ConsoleStore.EvidenceRow e : store.evidence("account", m.account())) {
          if ("cluster.member".equals(e.signal())) {
            addLinkedBy(kinds, e.evidence());
          }
        }
        if (!kinds.isEmpty()) {
          break;
        }
      }
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode nodes = body.putArray("nodes");
    ArrayNode edges = body.putArray("edges");
    for (String k : kinds) {
      nodes.addObject().put("id", "link:" + k).put("label", k).put("type", "link");
    }
    for (ConsoleStore.Member m : members) {
      nodes.addObject().put("id", "acct:" + m.account()).put("label", m.account()).put("type", "account").put("verdict", m.verdict());
      for (String k : kinds) {
        edges.addObject().put("source", "acct:" + m.account()).put("target", "link:" + k);
      }
    }
    ctx.json(body);
  }

  private static void addLinkedBy(Set<String> kinds, String evidence) {
    if (evidence == null) {
      return;
    }
    Matcher m = ConsolePages.LINKED_BY.matcher(evidence);
    if (m.find()) {
      for (String k : m.group(1).split(", ")) {
        kinds.add(k);
      }
    }
  }
}
