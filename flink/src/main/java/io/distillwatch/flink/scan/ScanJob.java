package io.distillwatch.flink.scan;

import io.distillwatch.flink.source.TriageFunction;
import io.distillwatch.event.Rejection;
import io.distillwatch.ingest.InputFile;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.scan.ScanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The detection job over bounded input, in Flink's batch execution mode on an embedded MiniCluster:
 * the stages of {@link ScanTopology} with collecting sinks. Results and rejections are collected back
 * to the caller, which writes the output directory.
 */
public final class ScanJob {
  private final ScanRequest request;
  private final List<InputFile> inputs;

  private final StreamExecutionEnvironment environment;

  /** A job on its own embedded MiniCluster, spilling to {@code tmpDir}. */
  public ScanJob(ScanRequest request, List<InputFile> inputs, Path tmpDir) {
    this(request, inputs, StreamExecutionEnvironment.createLocalEnvironment(configuration(tmpDir)));
  }

  /** A job on a given environment (tests pass the shared test cluster's). */
  public ScanJob(ScanRequest request, List<InputFile> inputs, StreamExecutionEnvironment environment) {
    this.request = request;
    this.inputs = inputs;
    this.environment = environment;
  }

  /** What the job produced. */
  public record Outcome(
      List<AccountResult> accounts,
      List<ClusterResult> clusters,
      long records,
      long accepted,
      long rejected,
      long duplicates,
      Map<String, Long> fieldErrorsByField) {}

  /** Runs the job; each rejection is handed to {@code rejections} as it arrives. */
  public Outcome run(Consumer<Rejection> rejections) throws Exception {
    StreamExecutionEnvironment env = environment;
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(Math.max(1, request.parallelism));
    env.getConfig().enableObjectReuse();

    ScanTopology.Triaged triaged =
        ScanTopology.triage(ScanTopology.inputs(env, inputs, request), ScanTopology.readers(inputs, request));
    SingleOutputStreamOperator<AccountResult> accounts = ScanTopology.detectAccounts(triaged.events(), request);

    CloseableIterator<Rejection> rejectedIt = triaged.rejected().collectAsync();
    CloseableIterator<AccountResult> accountsIt = ScanTopology.withoutEvidence(accounts).collectAsync();
    CloseableIterator<ClusterResult> clustersIt = null;
    CloseableIterator<AccountResult> clusterScoresIt = null;
    if (request.linking) {
      ScanTopology.Linked linked = ScanTopology.link(accounts, request);
      clustersIt = linked.clusters().collectAsync();
      clusterScoresIt = linked.clusterScores().collectAsync();
    }
    List<AccountResult> results = new ArrayList<>();
    long rejectedCount = 0;
    JobClient client = env.executeAsync("distillwatch-scan");
    // Each collect stream is drained on its own thread: a collect iterator may only end when the
    // whole job does, so draining them one after another deadlocks once a buffer fills.
    long[] rejectedCounter = new long[1];
    List<ClusterResult> clusters = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, AccountResult> scores = new java.util.concurrent.ConcurrentHashMap<>();
    List<AccountResult> synchronizedResults = java.util.Collections.synchronizedList(results);
    List<Drain<?>> drains = new ArrayList<>();
    drains.add(new Drain<>(rejectedIt, r -> {
      rejections.accept(r);
      rejectedCounter[0]++;
    }));
    drains.add(new Drain<>(accountsIt, synchronizedResults::add));
    if (clustersIt != null) {
      drains.add(new Drain<>(clustersIt, clusters::add));
      drains.add(new Drain<>(clusterScoresIt, score -> scores.put(score.account, score)));
    }
    drains.forEach(Thread::start);
    for (Drain<?> d : drains) {
      d.join();
      d.rethrow();
    }
    rejectedCount = rejectedCounter[0];
    for (ClusterResult c : clusters) {
      applyScore(c, scores.get(c.cluster));
    }
    JobExecutionResult job = client.getJobExecutionResult().get();
    Map<String, Long> fieldErrors = new TreeMap<>();
    job.getAllAccumulatorResults()
        .forEach(
            (name, value) -> {
              if (name.startsWith(TriageFunction.FIELD_ERRORS_PREFIX)) {
                fieldErrors.put(name.substring(TriageFunction.FIELD_ERRORS_PREFIX.length()), (Long) value);
              }
            });
    long duplicates = counter(job, AccountDetectionFunction.DUPLICATES);
    // Duplicates pass triage as valid events and are dropped per account: accepted excludes them.
    return new Outcome(
        results,
        clusters,
        counter(job, TriageFunction.RECORDS),
        counter(job, TriageFunction.ACCEPTED) - duplicates,
        rejectedCount,
        duplicates,
        fieldErrors);
  }

  /** Drains one collect iterator into a consumer on its own thread. */
  private static final class Drain<T> extends Thread {
    private final CloseableIterator<T> iterator;
    private final Consumer<T> consumer;
    private volatile Exception failure;

    Drain(CloseableIterator<T> iterator, Consumer<T> consumer) {
      super("distillwatch-collect");
      setDaemon(true);
      this.iterator = iterator;
      this.consumer = consumer;
    }

    @Override
    public void run() {
      try (iterator) {
        while (iterator.hasNext()) {
          consumer.accept(iterator.next());
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    void rethrow() throws Exception {
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Copies the combined-traffic score onto a cluster (a cluster whose members sent nothing stays benign). */
  private static void applyScore(ClusterResult c, AccountResult score) {
    if (score == null) {
      c.score = 0;
      c.verdict = "benign";
      return;
    }
    c.score = score.score;
    c.verdict = score.verdict;
    c.firstFlaggedAt = score.firstFlaggedAt;
    c.events = score.events;
    c.signals = score.signals;
    c.activityStart = score.activityStart;
    c.activityBucketMillis = score.activityBucketMillis;
    c.activity = score.activity;
    c.firstAtPercent = score.firstAtPercent;
  }

  private static long counter(JobExecutionResult job, String name) {
    Object v = job.getAllAccumulatorResults().get(name);
    return v == null ? 0 : (Long) v;
  }

  private static Configuration configuration(Path tmpDir) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.TMP_DIRS, tmpDir.toAbsolutePath().toString());
    // Managed memory (off-heap) holds the batch sorts of every keyed stage; at 256 MB a 1M-event
    // scan spilled to disk. Shuffles stay in this JVM's temp dir, so compressing them only costs CPU.
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
    conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
        NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    conf.set(PipelineOptions.GENERIC_TYPES, true);
    return conf;
  }
}
