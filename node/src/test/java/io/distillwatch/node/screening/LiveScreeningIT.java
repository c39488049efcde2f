package io.distillwatch.node.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.node.Node;
import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.console.TestAnalysts;
import io.distillwatch.node.TestBroker;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoredChange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live screening in a running node with real components: a Kafka broker (accounts topic in, verdict
 * topic out), the embedded H2 store, HTTP on loopback, a watched lists directory whose file is
 * replaced while the node runs.
 */
class LiveScreeningIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String HEADER = LiveScreeningITFixtures.HEADER;
  private static final String GLBC = LiveScreeningITFixtures.GLBC;
  private static final String NORTHWIND = LiveScreeningITFixtures.NORTHWIND;
  private static final String TOKEN = "dwt_live-screening-it";
  private static TestBroker broker;
  private static Node node;
  private static NodeConfig config;
  private static Path lists;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "live-screening-it");
    broker = TestBroker.start(dir.resolve("kafka"));
    broker.createTopic("accounts", 2);
    broker.createTopic("verdicts", 1);
    lists = Files.createDirectories(dir.resolve("lists"));
    Files.writeString(lists.resolve("csl.csv"), HEADER + GLBC);
    config = NodeConfig.of(Map.of(
        "data.dir", dir.resolve("node").toString(),
        "http.port", "0",
        "kafka.bootstrap-servers", broker.bootstrapServers(),
        "kafka.output-topic", "verdicts",
        "screening.lists", lists.toString(),
        "screening.accounts-topic", "accounts",
        "screening.scan-interval", "200ms",
        "screening.list-date", "2026-11-30",
        "checkpoint.interval", "1s"));
    TestAnalysts.withApiToken(config, "screener", TOKEN);
    node = Node.start(config, new OrderProbeRules(3));
    broker.send("accounts", List.of(
        new String[] {"acct-1", "{\"account\":\"acct-1\",\"org_name\":\"Great Lakes Business Co., Ltd.\",\"country\":\"CD\"}"},
        new String[] {"acct-2", "{\"account\":\"acct-2\",\"org_name\":\"Northwind Quantum Robotics\"}"},
        new String[] {"acct-3", "{\"account\":\"acct-3\",\"org_name\":\"Lakeside Bakery GmbH\"}"},
        new String[] {"junk", "this is not an account"}), -1);
    await(() -> !screeningHistory("acct-1").isEmpty());
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static List<StoredChange> screeningHistory(String account) {
    try (NodeStore store = NodeStore.connect(config.store())) {
      return store.history("screening", account);
    }
  }

  private static void await(BooleanSupplier condition) throws Exception {
    LiveScreeningITFixtures.await(condition, 120);
  }


  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/screen"))
        .header("content-type", "application/json")
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void screeningASignUpNeedsCredentials() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/screen"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"x\",\"org_name\":\"Great Lakes Business Co., Ltd.\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void newAccountsAreScreenedAsTheyAppearAndChangesGoToStoreAndKafka() throws Exception {
    List<StoredChange> h = screeningHistory("acct-1");
    assertThat(h).hasSize(1);
    assertThat(h.get(0).from()).isEqualTo("no_match");
    assertThat(h.get(0).to()).isEqualTo("match");
    JsonNode signals = JSON.readTree(h.get(0).signals());
    assertThat(signals.get("entry").get("id").asText()).isEqualTo("10118");
    assertThat(signals.get("receipt").get("file").asText()).isEqualTo("csl.csv");
    assertThat(screeningHistory("acct-3")).isEmpty(); // no_match from the start: no change
    await(() -> broker.read("verdicts", "read_committed").stream().anyMatch(v -> v.contains("\"acct-1\"")));
    JsonNode published = JSON.readTree(broker.read("verdicts", "read_committed").stream()
        .filter(v -> v.contains("\"acct-1\"")).findFirst().orElseThrow());
    assertThat(published.get("kind").asText()).isEqualTo("screening");
    assertThat(published.get("to").asText()).isEqualTo("match");
    assertThat(published.get("seq").asLong()).isEqualTo(1);
    assertThat(published.fieldNames()).toIterable()
        .containsExactly("kind", "id", "from", "to", "score", "at", "signals", "seq");
  }

  @Test
  void aSignUpIsAnsweredAndBadRequestsGet400() throws Exception {
    HttpResponse<String> ok = post("{\"org_name\":\"GREAT LAKES BUSINESS COMPANY L L C\",\"country\":\"CD\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(ok.body());
    assertThat(body.get("screening").get("outcome").asText()).isEqualTo("match");
    assertThat(body.get("notice").asText()).contains("never a legal clearance");
    for (String bad : List.of("not json", "[1,2]", "{}", "{\"org_name\": 7}", "{\"ownership_pct\": 300, \"org_name\": \"x\"}")) {
      HttpResponse<String> r = post(bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
    }
  }

  @Test
  void aChangedListIsReloadedWithoutAGapAndKnownAccountsAreScreenedAgain() throws Exception {
    await(() -> node.screening().counters().getOrDefault("accounts", 0L) >= 3);
    AtomicBoolean stop = new AtomicBoolean();
    List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread requests = new Thread(() -> {
      while (!stop.get()) {
        try {
          statuses.add(post("{\"org_name\":\"Great Lakes Business Company\"}").statusCode());
        } catch (Exception e) {
          statuses.add(-1);
        }
      }
    });
    requests.start();
    Path staged = lists.resolveSibling("csl.csv.part");
    Files.writeString(staged, HEADER + GLBC + NORTHWIND);
    Files.move(staged, lists.resolve("csl.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    await(() -> !screeningHistory("acct-2").isEmpty());
    stop.set(true);
    requests.join();
    List<StoredChange> h = screeningHistory("acct-2");
    assertThat(h.get(0).to()).isIn("match", "review");
    assertThat(JSON.readTree(h.get(0).signals()).get("entry").get("id").asText()).isEqualTo("20002");
    assertThat(screeningHistory("acct-1")).hasSize(1); // unchanged: not emitted again
    assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);
    assertThat(node.screening().counters().get("reloads")).isGreaterThanOrEqualTo(1L);
  }
}
