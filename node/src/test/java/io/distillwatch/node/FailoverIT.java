package io.distillwatch.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.stream.Checkpoints;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import io.distillwatch.node.store.StoredChange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failover end to end on a real Kafka (KRaft) and a real PostgreSQL: a task failure mid-stream, and a
 * whole node process killed with SIGKILL and restarted from its last retained checkpoint. Both must
 * leave exactly the verdict changes of an uninterrupted run: in the store exactly (idempotent writes
 * keyed by kind, id, seq); on the output topic with at-least-once delivery, every change at least once
 * and every repeat identical (so dropping repeats by (kind, id, seq) gives exactly the changes). The
 * uninterrupted run uses the exactly-once (transactional) sink and must publish each change once. See
 * ADR 0061 for why the failover runs do not use the transactional sink. The rules are the
 * order-sensitive probe rules, so a lost, repeated or reordered event would change the output.
 */
class FailoverIT {
  static final int PERIOD = 7;
  private static final OrderProbeRules RULES = new OrderProbeRules(PERIOD);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Traffic.Ev> EVENTS = Traffic.events(11, 6000, 50, 0.4, 2000);
  private static final int HALF = EVENTS.size() / 2;

  private static Path dir;
  private static TestBroker broker;
  private static EmbeddedPostgres postgres;
  private static List<String> expected;
  private static long startedMillis;

  @BeforeAll
  static void start() throws Exception {
    startedMillis = System.currentTimeMillis();
    dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "failover");
    broker = TestBroker.start(dir.resolve("kafka"));
    postgres = EmbeddedPostgres.builder().start();
    expected = Traffic.expected(RULES, EVENTS);
    assertThat(expected).as("the traffic yields many changes").hasSizeGreaterThan(300);
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void anUninterruptedRunYieldsEveryChangeOnce() throws Exception {
    NodeConfig config = config("plain", 1, "exactly-once");
    sendFirstHalf(config);
    sendSecondHalf(config);
    JobClient job = startInProcess(config, false);
    awaitChanges(config, expected.size());
    job.cancel().get(30, TimeUnit.SECONDS);
    assertOutputs(config);
  }

  @Test
  void aTaskFailureMidStreamLosesAndRepeatsNothing() throws Exception {
    NodeConfig config = config("task-failure", 2, "at-least-once");
    sendFirstHalf(config);
    JobClient job = startInProcess(config, true);
    awaitCheckpointAndChanges(config);
    sendSecondHalf(config);
    awaitChanges(config, expected.size());
    job.cancel().get(30, TimeUnit.SECONDS);
    assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();
    assertOutputs(config);
  }

  @Test
  void aKilledNodeRestartsFromItsLastCheckpointAndLosesAndRepeatsNothing() throws Exception {
    NodeConfig config = config("process-kill", 2, "at-least-once");
    Path props = writeProperties(config, "process-kill");
    sendFirstHalf(config);
    Process first = startChild(props, "first");
    try {
      awaitCheckpointAndChanges(config, first);
    } finally {
      first.destroyForcibly().waitFor(); // SIGKILL: no chance to clean up
    }
    long beforeRestart = count(config);
    sendSecondHalf(config);
    Process second = startChild(props, "second");
    try {
      awaitChanges(config, expected.size(), second);
    } finally {
      second.destroyForcibly().waitFor();
    }
    String out = Files.readString(dir.resolve("second.log"));
    assertThat(out).as("the restarted node restored a checkpoint").contains("restored-from=file:");
    assertThat(beforeRestart).as("the kill came mid-stream").isLessThan(expected.size());
    assertOutputs(config);
  }

  // --- set-up -------------------------------------------------------------------------------

  private static NodeConfig config(String name, int parallelism, String delivery) throws Exception {
    broker.createTopic("in-" + name, 2);
    broker.createTopic("out-" + name, 2);
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name.replace('-', '_'));
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("input", "kafka");
    m.put("kafka.bootstrap-servers", broker.bootstrapServers());
    m.put("kafka.input-topic", "in-" + name);
    m.put("kafka.output-topic", "out-" + name);
    m.put("kafka.group-id", "node-" + name);
    m.put("kafka.transactional-id-prefix", "tx-" + name);
    m.put("kafka.transaction-timeout", "10s");
    m.put("kafka.delivery", delivery);
    m.put("data.dir", dir.resolve(name).toString());
    m.put("store.url", postgres.getJdbcUrl("postgres", name.replace('-', '_')));
    m.put("store.user", "postgres");
    m.put("store.password", "postgres");
    m.put("checkpoint.interval", "500ms");
    m.put("parallelism", String.valueOf(parallelism));
    m.put("http.port", "0");
    m.put("event-time.out-of-orderness", "3s");
    return NodeConfig.of(m);
  }

  private static void sendFirstHalf(NodeConfig config) throws Exception {
    broker.send(config.get("kafka.input-topic"), Traffic.keyValues(EVENTS.subList(0, HALF)), -1);
  }

  private static void sendSecondHalf(NodeConfig config) throws Exception {
    String topic = config.get("kafka.input-topic");
    broker.send(topic, Traffic.keyValues(EVENTS.subList(HALF, EVENTS.size())), -1);
    for (int p = 0; p < 2; p++) {
      broker.send(topic, List.<String[]>of(Traffic.flush(p)), p);
    }
  }

  private static JobClient startInProcess(NodeConfig config, boolean injectFailure) throws Exception {
    NodeStore.migrate(config.store());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            config.parallelism(), NodePipeline.flinkConfiguration(config, null));
    DataStream<IngestRecord> records = NodePipeline.source(env, config);
    if (injectFailure) {
      records = records.map(new FailOnce(HALF + 200), TypeInformation.of(IngestRecord.class)).uid("fail-once");
    }
    NodePipeline.attachSinks(records, RULES, config);
    return env.executeAsync("failover-" + config.get("kafka.group-id"));
  }

  private static Path writeProperties(NodeConfig config, String name) throws Exception {
    Properties p = new Properties();
    for (String key : NodeConfig.DEFAULTS.keySet()) {
      p.setProperty(key, config.get(key));
    }
    Path file = dir.resolve(name + ".properties");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    return file;
  }

  private static Process startChild(Path props, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File log = dir.resolve(name + ".log").toFile();
    return new ProcessBuilder(
            java, "-Xmx512m", "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
            NodeChild.class.getName(), props.toString())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }

  // --- waiting and checking ------------------------------------------------------------------

  private static void awaitCheckpointAndChanges(NodeConfig config) throws Exception {
    awaitCheckpointAndChanges(config, null);
  }

  private static void awaitCheckpointAndChanges(NodeConfig config, Process child) throws Exception {
    await("a checkpoint and some changes", child,
        () -> Checkpoints.latest(config.checkpointDir()).isPresent() && count(config) > expected.size() / 10);
  }

  private static void awaitChanges(NodeConfig config, int n) throws Exception {
    awaitChanges(config, n, null);
  }

  private static void awaitChanges(NodeConfig config, int n, Process child) throws Exception {
    String topic = config.get("kafka.output-topic");
    progress = () -> {
      try (NodeStore store = NodeStore.connect(config.store())) {
        return "store " + store.count("verdict_changes") + ", rejected " + store.count("rejections") + ", late "
            + store.count("late_events") + ", Kafka " + broker.readCommitted(topic).size() + " committed, "
            + broker.read(topic, "read_uncommitted").size() + " written";
      }
    };
    await(n + " changes in the store and committed to Kafka", child,
        () -> count(config) >= n && distinctKeys(broker.readCommitted(topic)) >= n);
  }

  private static long distinctKeys(List<String> published) {
    return published.stream().map(json -> {
      try {
        VerdictChange c = parse(json);
        return c.kind + "/" + c.id + "/" + c.seq;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).distinct().count();
  }

  private static long count(NodeConfig config) {
    try (NodeStore store = NodeStore.connect(config.store())) {
      return store.count("verdict_changes");
    }
  }

  private static java.util.function.Supplier<String> progress = () -> "";

  private static void await(String what, Process child, BooleanSupplier condition) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.getLong("failover.await.seconds", 120)));
    while (!condition.getAsBoolean()) {
      if (child != null && !child.isAlive()) {
        throw new AssertionError("the node process exited (" + child.exitValue() + ") before " + what + "; see " + dir);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + " (" + progress.get() + ")");
      }
      Thread.sleep(200); // polling an external condition, not timing a result
    }
  }

  private static void assertOutputs(NodeConfig config) throws Exception {
    List<VerdictChange> stored = new ArrayList<>();
    try (NodeStore store = NodeStore.connect(config.store())) {
      for (StoredChange c : store.changes()) {
        stored.add(new VerdictChange(c.kind(), c.id(), c.from(), c.to(), c.score(), c.atMillis(), c.signals(), c.seq()));
      }
    }
    assertThat(Traffic.sortedJson(stored)).as("store").isEqualTo(expected);

    assertThat(broker.committedTimestamps(config.get("kafka.output-topic")))
        .as("records stamped when published, not with their 2023 event time (retention would delete them)")
        .allMatch(t -> t >= startedMillis);
    List<VerdictChange> published = new ArrayList<>();
    for (String json : broker.readCommitted(config.get("kafka.output-topic"))) {
      published.add(parse(json));
    }
    if (config.get("kafka.delivery").equals("exactly-once")) {
      assertThat(Traffic.sortedJson(published)).as("Kafka, exactly-once, read_committed").isEqualTo(expected);
    } else {
      // At-least-once: a change may be published again after recovery, always identical, so consumers
      // keep the first per (kind, id, seq) and get exactly the expected changes.
      Map<String, String> first = new LinkedHashMap<>();
      for (VerdictChange c : published) {
        String key = c.kind + "/" + c.id + "/" + c.seq;
        String previous = first.putIfAbsent(key, c.toJson());
        assertThat(previous == null ? c.toJson() : previous).as("repeat of " + key).isEqualTo(c.toJson());
      }
      List<VerdictChange> distinct = new ArrayList<>();
      for (String json : first.values()) {
        distinct.add(parse(json));
      }
      assertThat(Traffic.sortedJson(distinct)).as("Kafka, at-least-once, distinct by (kind, id, seq)").isEqualTo(expected);
    }
  }

  private static VerdictChange parse(String json) throws Exception {
    JsonNode n = JSON.readTree(json);
    return new VerdictChange(n.get("kind").asText(), n.get("id").asText(), n.get("from").asText(),
        n.get("to").asText(), n.get("score").asDouble(), Instant.parse(n.get("at").asText()).toEpochMilli(),
        n.get("signals").toString(), n.get("seq").asLong());
  }

  /** Throws once, on the first record after a completed checkpoint once {@code after} records have passed. */
  static final class FailOnce extends RichMapFunction<IngestRecord, IngestRecord> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean FAILED = new AtomicBoolean();
    private final int after;
    private transient int seen;
    private transient boolean checkpointed;

    FailOnce(int after) {
      this.after = after;
    }

    @Override
    public IngestRecord map(IngestRecord r) {
      seen++;
      if (seen > after / 2 && checkpointed && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected task failure");
      }
      return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }
}
