package io.distillwatch.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.DetectorRules;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.node.metrics.NodeMetrics;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.scan.ScanRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark (not a test) of the node's job on a real broker in this JVM:
 *
 * <ol>
 *   <li>throughput: {@code N} canonical events pre-loaded into a 2-partition topic, the job (core
 *       Detector, RocksDB, exactly-once Kafka sink, store sink, checkpoints every 10 s) started at
 *       parallelism 1 and 2; sustained events/s measured between 10% and 100% of the input;
 *   <li>latency: events produced in real time at half the parallelism-1 rate with {@code ts = now};
 *       event-to-alert latency = time a change is read from the output topic (read_committed) minus
 *       its event's ts. Uses the probe rules (verdict changes every 50 events per account) so there
 *       are alerts to time; out-of-orderness 1 s, checkpoints every 2 s; once with the at-least-once
 *       and once with the exactly-once (transactional) Kafka sink.
 * </ol>
 *
 * <p>Run: see docs/bench/streaming.md. Args: {@code [events=400000] [latencySeconds=30]
 * [latencyRate=half the p1 rate] [latency-only]}; {@code latencySeconds=0} measures throughput only.
 */
public final class StreamBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    // Optional: a fixed latency rate (events/s) and "latency-only" to skip the throughput phase.
    double latencyRate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    boolean latencyOnly = args.length > 3 && args[3].equals("latency-only");
    boolean throughputOnly = latencySeconds == 0;
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stream-bench");
    try (TestBroker broker = TestBroker.start(dir.resolve("kafka"))) {
      double rate1 = latencyRate * 2;
      if (!latencyOnly) {
        broker.createTopic("bench-in", 2);
        long t0 = System.nanoTime();
        produce(broker, "bench-in", events, 5000, 0);
        System.out.printf("loaded %d events in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);
        rate1 = throughput(broker, dir, "p1", 1, events);
        double rate2 = throughput(broker, dir, "p2", 2, events);
        System.out.printf("RESULT throughput p1 %.0f events/s, p2 %.0f events/s (checkpoint interval 10 s)%n", rate1, rate2);
      }
      if (throughputOnly) {
        System.out.flush();
        // halt, not exit: a shutdown hook of the broker or cluster sometimes never returns
        Runtime.getRuntime().halt(0);
      }
      double rate = latencyRate > 0 ? latencyRate : Math.max(1000, rate1 / 2);
      latency(broker, dir, rate, 15, "at-least-once", "warmup"); // JIT and broker warm-up, not reported
      latency(broker, dir, rate, latencySeconds, "at-least-once", "lat");
      latency(broker, dir, rate, latencySeconds, "exactly-once", "lat");
    }
    System.exit(0);
  }

  private static Map<String, String> settings(TestBroker broker, Path dir, String name, int parallelism) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("input", "kafka");
    m.put("kafka.bootstrap-servers", broker.bootstrapServers());
    m.put("kafka.input-topic", name.startsWith("p") ? "bench-in" : name + "-in");
    m.put("kafka.output-topic", "out-" + name);
    m.put("kafka.group-id", "bench-" + name);
    m.put("kafka.transactional-id-prefix", "tx-" + name);
    m.put("data.dir", dir.resolve(name).toString());
    m.put("parallelism", String.valueOf(parallelism));
    m.put("checkpoint.interval", "10s");
    // -Dbench.linking=false measures the account stage alone (no cluster stage).
    m.put("linking.enabled", System.getProperty("bench.linking", "true"));
    return m;
  }

  private static JobClient start(NodeConfig config, AccountRules<?> rules) throws Exception {
    NodeStore.migrate(config.store());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), NodePipeline.flinkConfiguration(config, null));
    NodePipeline.attachSinks(NodePipeline.source(env, config), rules, config);
    return env.executeAsync("bench-" + config.get("kafka.group-id"));
  }

  private static double throughput(TestBroker broker, Path dir, String name, int parallelism, int events) throws Exception {
    broker.createTopic("out-" + name, 2);
    NodeConfig config = NodeConfig.of(settings(broker, dir, name, parallelism));
    awaitMetricsGone();
    JobClient job = start(config, new DetectorRules(new ScanRequest()));
    long base = 0;
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = 0;
    long tenth = events / 10;
    long startNanos = 0;
    while (NodeMetrics.jvm().value("eventsIn") - base < events) {
      if (startNanos == 0 && NodeMetrics.jvm().value("eventsIn") - base >= tenth) {
        startNanos = System.nanoTime();
        cpuStart = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
      }
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpuSeconds = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpuStart) / 1e9;
    double rate = (events - tenth) / seconds;
    System.out.printf("parallelism %d: %d events, %.0f events/s sustained (wall clock), %.0f events per CPU-second "
            + "(whole JVM: broker + job), machine load %.1f, verdict changes %d, checkpoints completed %d, last checkpoint %d ms%n",
        parallelism, events, rate, (events - tenth) / cpuSeconds, os.getSystemLoadAverage(), NodeMetrics.jvm().value("verdictChanges"),
        NodeMetrics.jvm().value("numberOfCompletedCheckpoints"), NodeMetrics.jvm().value("lastCheckpointDuration"));
    job.cancel().get(60, TimeUnit.SECONDS);
    return rate;
  }

  /** Waits until the previous job's metrics are unregistered, so counts start from zero. */
  private static void awaitMetricsGone() throws InterruptedException {
    for (int i = 0; i < 300 && NodeMetrics.jvm().value("eventsIn") != 0; i++) {
      Thread.sleep(100);
    }
  }

  private static void latency(TestBroker broker, Path dir, double rate, int seconds, String delivery, String label)
      throws Exception {
    awaitMetricsGone();
    String name = label + "-" + delivery;
    broker.createTopic(name + "-in", 2);
    broker.createTopic("out-" + name, 2);
    Map<String, String> m = settings(broker, dir, name, 1);
    m.put("kafka.delivery", delivery);
    m.put("checkpoint.interval", "2s");
    m.put("event-time.out-of-orderness", "1s");
    m.put("event-time.idleness", "5s");
    NodeConfig config = NodeConfig.of(m);
    JobClient job = start(config, new OrderProbeRules(50));
    List<Long> latencies = new ArrayList<>();
    Thread consumer = new Thread(() -> consume(broker, "out-" + name, latencies, seconds + 15));
    consumer.start();
    Thread.sleep(3000); // let the job start before timing
    produce(broker, name + "-in", (int) (rate * seconds), 2000, rate);
    consumer.join();
    job.cancel().get(60, TimeUnit.SECONDS);
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      System.out.println("RESULT latency (" + delivery + "): no alerts received");
      return;
    }
    System.out.printf((label.equals("warmup") ? "warm-up" : "RESULT") + " latency (%s) at %.0f events/s for %d s: %d alerts, p50 %d ms, p99 %d ms, max %d ms "
            + "(checkpoint interval 2 s, out-of-orderness 1 s, consumer read_committed)%n",
        delivery, rate, seconds, sorted.length, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
  }

  private static void consume(TestBroker broker, String topic, List<Long> latencies, int seconds) {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("group.id", "lat-reader-" + topic);
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Instant end = Instant.now().plusSeconds(seconds + 5);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      while (Instant.now().isBefore(end)) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
          long now = System.currentTimeMillis();
          JsonNode n = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
          latencies.add(now - Instant.parse(n.get("at").asText()).toEpochMilli());
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code n} realistic canonical events (~600 bytes) over {@code accounts} accounts. With
   * {@code rate} > 0, paces sending and stamps each event with the wall clock; otherwise as fast as
   * possible with synthetic times.
   */
  private static void produce(TestBroker broker, String topic, int n, int accounts, double rate)
      throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", broker.bootstrapServers());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put("linger.ms", "5");
    p.put("batch.size", "262144");
    p.put("compression.type", "lz4");
    Random rnd = new Random(7);
    String[] topics = {"sorting algorithms", "protein folding", "tax law", "poetry meter", "SQL joins", "orbital mechanics"};
    long synthetic = 1_700_000_000_000L;
    long startNanos = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < n; i++) {
        if (rate > 0 && i % 100 == 0) {
          long due = startNanos + (long) (i / rate * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        String account = "acct-" + rnd.nextInt(accounts);
        // Pre-loaded events advance event time as a 25k events/s stream would (1 ms per 25 events).
        long ts = rate > 0 ? System.currentTimeMillis() : (synthetic += (i % 25 == 0 ? 1 : 0));
        String json = "{\"ts\":" + ts + ",\"request_id\":\"req-" + i + "\",\"account\":\"" + account
            + "\",\"api_key\":\"key-" + account.hashCode() % 97 + "\",\"model\":\"frontier-large-2\",\"ip\":\"203.0.113."
            + rnd.nextInt(255) + "\",\"asn\":16509,\"country\":\"US\",\"user_agent\":\"openai-python/1.40.0\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Explain " + topics[rnd.nextInt(topics.length)]
            + " step by step, articulating your internal reasoning, for case " + rnd.nextInt(100000) + ".\"}],"
            + "\"params\":{\"max_tokens\":4096,\"temperature\":1.0,\"n\":1},"
            + "\"usage\":{\"input_tokens\":" + (50 + rnd.nextInt(200)) + ",\"output_tokens\":" + (500 + rnd.nextInt(3500)) + "},\"status\":200}";
        producer.send(new ProducerRecord<>(topic, account, json));
      }
      producer.flush();
    }
  }
}
