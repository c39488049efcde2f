package io.distillwatch.node.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.detect.SignalIds;
import io.distillwatch.node.Node;
import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoredChange;
import io.distillwatch.sharing.crossref.CrossrefMatcher;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A hub and two provider nodes in one process on {@link CrossProviderTraffic}: provider A convicts the
 * campaign and publishes by itself; provider B pulls, its account that pays with the campaign's card
 * matches ({@code crossref.match}) and B answers with a sighting, which A pulls back. Writes
 * {@code summary.json} into {@code out}; the nodes' stores and data stay under {@code out}.
 */
public final class CrossProviderDemo {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the run showed. */
  public record Result(Map<String, String> verdictsA, Map<String, String> verdictsB, String matchEvidence,
      int sightingsB, double seconds, ObjectNode summary) {}

  private CrossProviderDemo() {}

  public static Result run(Path out, PrintStream log) throws Exception {
    return run(out, log, HttpClient.newHttpClient(), HttpClient.newHttpClient());
  }

  /** As {@link #run(Path, PrintStream)}; each node talks to the hub through its own client (tests capture them). */
  public static Result run(Path out, PrintStream log, HttpClient httpA, HttpClient httpB) throws Exception {
    long t0 = System.nanoTime();
    long start = Instant.now().minus(Duration.ofHours(6)).toEpochMilli();
    CrossProviderTraffic.Provider a = CrossProviderTraffic.providerA(start);
    CrossProviderTraffic.Provider b = CrossProviderTraffic.providerB(start + 3_600_000L);
    a.write(out.resolve("provider-a-input"));
    b.write(out.resolve("provider-b-input"));
    try (LocalForum forum = LocalForum.start(out.resolve("forum"), List.of("provider-a", "provider-b"));
        Node nodeA = Node.start(config(out, "provider-a", forum), rules(config(out, "provider-a", forum)), httpA);
        Node nodeB = Node.start(config(out, "provider-b", forum), rules(config(out, "provider-b", forum)), httpB)) {
      log.println("crossref demo: hub at " + forum.apiRoot() + ", nodes on :" + nodeA.httpPort() + " and :" + nodeB.httpPort());
      drop(out.resolve("provider-a").resolve("inbox"), a, start);
      await("provider A publishes its campaign", () -> nodeA.crossref().published() > 0);
      log.println("crossref demo: provider A convicted the campaign and published it (indicators, keyed sketches)");
      CrossrefMatcher matcherB = CrossrefMatcher.live(config(out, "provider-b", forum).crossrefDir(), forum.blindingKey());
      await("provider B pulls the indicators", () -> matcherB.indicators() > 0);
      log.println("crossref demo: provider B pulled " + matcherB.indicators() + " indicators");
      drop(out.resolve("provider-b").resolve("inbox"), b, start + 3_600_000L);
      String campaignB = b.campaignAccounts().get(0);
      NodeConfig cb = config(out, "provider-b", forum);
      await("provider B matches its campaign account", () -> evidence(cb, campaignB) != null);
      await("provider B answers with a sighting", () -> nodeB.crossref().sightings() > 0);
      int pulledBefore = nodeA.crossref().pulled();
      await("provider A pulls the sighting", () -> nodeA.crossref().pulled() > pulledBefore);
      Map<String, String> va = verdicts(config(out, "provider-a", forum));
      Map<String, String> vb = verdicts(cb);
      String evidence = evidence(cb, campaignB);
      double seconds = (System.nanoTime() - t0) / 1e9;
      ObjectNode summary = JSON.createObjectNode();
      summary.put("seconds", Math.round(seconds * 10) / 10.0);
      summary.set("provider_a", JSON.valueToTree(va));
      summary.set("provider_b", JSON.valueToTree(vb));
      summary.put("crossref_match_evidence", evidence);
      summary.put("sightings_from_b", nodeB.crossref().sightings());
      ArrayNode truth = summary.putArray("campaign_accounts");
      a.campaignAccounts().forEach(truth::add);
      b.campaignAccounts().forEach(truth::add);
      Files.writeString(out.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary),
          StandardCharsets.UTF_8);
      log.println("crossref demo: provider B, " + campaignB + " -> " + vb.get(campaignB) + "; crossref.match: " + evidence);
      log.printf("crossref demo: done in %.1f s; summary: %s%n", seconds, out.resolve("summary.json"));
      return new Result(va, vb, evidence, nodeB.crossref().sightings(), seconds, summary);
    }
  }

  private static io.distillwatch.flink.stream.DetectorRules rules(NodeConfig c) throws Exception {
    CrossrefService.prepareMatching(c);
    return new io.distillwatch.flink.stream.DetectorRules(c.sideFiles());
  }

  static NodeConfig config(Path out, String member, LocalForum forum) {
    Map<String, String> m = new LinkedHashMap<>(forum.nodeSettings(member, "1s"));
    m.put("data.dir", out.resolve(member).toString());
    m.put("http.port", "0");
    m.put("input.scan-interval", "200ms");
    m.put("checkpoint.interval", "5s");
    m.put("event-time.out-of-orderness", "1s");
    m.put("event-time.idleness", "2s");
    m.put("accounts", out.resolve(member + "-input").resolve("accounts.jsonl").toString());
    return NodeConfig.of(m);
  }

  private static void drop(Path inbox, CrossProviderTraffic.Provider p, long start) throws Exception {
    List<String> lines = new ArrayList<>(p.events());
    lines.add("{\"ts\":" + (start + 2 * 86_400_000L) + ",\"account\":\"zz-flush\",\"prompt\":\"flush\"}");
    Files.createDirectories(inbox);
    Path staged = inbox.getParent().resolve("events.jsonl.part");
    Files.write(staged, lines, StandardCharsets.UTF_8);
    Files.move(staged, inbox.resolve("events.jsonl"), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The crossref.match evidence in the account's latest verdict change, or null. */
  static String evidence(NodeConfig c, String account) {
    try (NodeStore store = NodeStore.connect(c.store())) {
      for (StoredChange ch : store.history("account", account)) {
        for (JsonNode s : JSON.readTree(ch.signals())) {
          if (SignalIds.CROSSREF_MATCH.equals(s.path("id").asText())) {
            return s.path("evidence").asText();
          }
        }
      }
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  static Map<String, String> verdicts(NodeConfig c) {
    Map<String, String> out = new LinkedHashMap<>();
    try (NodeStore store = NodeStore.connect(c.store())) {
      for (StoredChange ch : store.changes()) {
        if (ch.kind().equals("account") && !ch.id().startsWith("zz-")) {
          out.put(ch.id(), ch.to());
        }
      }
    }
    return out;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("crossref demo: timed out waiting until " + what);
      }
      Thread.sleep(250); // polling the nodes' progress
    }
  }
}
