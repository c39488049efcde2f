package io.distillwatch.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.node.console.TestAnalysts;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default end to end: files dropped into the watched directory, verdict changes in the H2
 * store, and the HTTP API (health, readiness, Prometheus metrics, alerts, account history, 4xx on bad
 * requests).
 */
class NodeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "dwt_node-it-token";
  private static final OrderProbeRules RULES = new OrderProbeRules(3);
  private static final List<Traffic.Ev> EVENTS = Traffic.events(5, 600, 8, 0.3, 500);
  private static Node node;
  private static NodeConfig config;
  private static List<String> expected;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "node-it");
    config = NodeConfig.of(Map.of(
        "data.dir", dir.toString(),
        "http.port", "0",
        "input.scan-interval", "200ms",
        "checkpoint.interval", "1s",
        "event-time.out-of-orderness", "1s"));
    TestAnalysts.withApiToken(config, "tester", TOKEN);
    node = Node.start(config, RULES);
    expected = Traffic.expected(RULES, EVENTS);

    List<String> lines = new ArrayList<>();
    EVENTS.forEach(e -> lines.add(e.json()));
    lines.add("{\"ts\": \"not a time\", \"account\": \"acct-x\", \"prompt\": \"p\"}");
    lines.add(Traffic.flush(0)[1]);
    // Write outside the watched directory, then move in: the source reads a file once, when it appears.
    Path staged = dir.resolve("events.jsonl.part");
    Files.write(staged, lines);
    Files.move(staged, dir.resolve("inbox").resolve("events.jsonl"), StandardCopyOption.ATOMIC_MOVE);
    awaitStore(expected.size());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static void awaitStore(int changes) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (true) {
      try (NodeStore store = NodeStore.connect(config.store())) {
        if (store.count("verdict_changes") >= changes && store.count("rejections") >= 1) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("store has " + store.count("verdict_changes") + " of " + changes + " changes");
        }
      }
      Thread.sleep(200); // polling an external condition
    }
  }

  /** With the test user's API token: /api needs a session or a token. */
  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> getWithoutCredentials(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void filesDroppedIntoTheInboxBecomeVerdictChangesAndRejections() {
    try (NodeStore store = NodeStore.connect(config.store())) {
      assertThat(store.changes()).hasSize(expected.size());
      assertThat(store.count("rejections")).isEqualTo(1);
    }
  }

  @Test
  void healthAndReadiness() throws Exception {
    assertThat(getWithoutCredentials("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = getWithoutCredentials("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("job").asText()).isEqualTo("RUNNING");
  }

  @Test
  void metricsAreInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> r = getWithoutCredentials("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("# TYPE distillwatch_events_in_total counter")
        .contains("distillwatch_events_in_total " + (EVENTS.size() + 1))
        .contains("distillwatch_events_rejected_total 1")
        .contains("distillwatch_alerts_total " + expected.size())
        .contains("distillwatch_consumer_lag_records")
        .containsPattern("distillwatch_checkpoints_completed_total [1-9]");
  }

  @Test
  void alertsAndAccountHistoryComeFromTheStore() throws Exception {
    HttpResponse<String> alerts = get("/api/alerts?limit=5");
    assertThat(alerts.statusCode()).isEqualTo(200);
    JsonNode arr = JSON.readTree(alerts.body());
    assertThat(arr).hasSize(5);
    assertThat(arr.get(0).get("to").asText()).isIn("suspicious", "distillation");
    assertThat(arr.get(0).fieldNames()).toIterable()
        .containsExactly("kind", "id", "from", "to", "score", "at", "signals", "seq");

    String account = arr.get(0).get("id").asText();
    HttpResponse<String> history = get("/api/accounts/" + account);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(history.body()).get("history").size()).isPositive();
  }

  @Test
  void badRequestsGet4xxWithAMessage() throws Exception {
    for (String q : List.of("/api/alerts?limit=0", "/api/alerts?limit=abc", "/api/alerts?limit=100000")) {
      HttpResponse<String> r = get(q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).contains("limit");
    }
    HttpResponse<String> missing = get("/api/accounts/never-seen");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(get("/api/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void theApiNeedsCredentials() throws Exception {
    assertThat(getWithoutCredentials("/api/alerts").statusCode()).isEqualTo(401);
    assertThat(getWithoutCredentials("/api/accounts/acct-1").statusCode()).isEqualTo(401);
  }

  @Test
  void theConsoleFeedKeepsHourlyActivityForTheAccounts() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String account = EVENTS.get(0).account();
    long expectedRequests = EVENTS.stream().filter(e -> e.account().equals(account)).count();
    try (ConsoleStore console = ConsoleStore.connect(config.store(), 1)) {
      long requests = 0;
      while (Instant.now().isBefore(deadline)) {
        requests = console.activity(account).stream().mapToLong(ConsoleStore.Activity::requests).sum();
        if (requests == expectedRequests) {
          break;
        }
        Thread.sleep(200); // polling an external condition
      }
      assertThat(requests).isEqualTo(expectedRequests);
    }
  }
}
