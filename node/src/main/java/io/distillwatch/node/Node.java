package io.distillwatch.node;

import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.Checkpoints;
import io.distillwatch.flink.stream.DetectorRules;
import io.distillwatch.node.http.NodeHttp;
import io.distillwatch.node.metrics.NodeMetrics;
import io.distillwatch.node.psi.PsiEndpoint;
import io.distillwatch.node.psi.PsiNodeSettings;
import io.distillwatch.node.store.NodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded node: the streaming job on a local MiniCluster, its store and its HTTP API, in one
 * process. On start it restores from the newest retained checkpoint in {@code checkpoint.dir} when
 * {@code restore=latest} (the default), so a killed node picks up where its last checkpoint left off.
 */
public final class Node implements AutoCloseable {
  private final JobClient job;
  private final NodeStore reader;
  private final NodeHttp http;
  private final String restoredFrom;
  private io.distillwatch.node.crossref.CrossrefService crossref;
  private final PsiEndpoint psi;

  private Node(JobClient job, NodeStore reader, NodeHttp http, String restoredFrom, PsiEndpoint psi) {
    this.job = job;
    this.reader = reader;
    this.http = http;
    this.restoredFrom = restoredFrom;
    this.psi = psi;
  }

  /** Starts the node with the core detector. */
  public static Node start(NodeConfig config) throws Exception {
    io.distillwatch.node.crossref.CrossrefService.prepareMatching(config);
    return start(config, new DetectorRules(config.sideFiles()));
  }

  /** Starts the node with the given rules (tests use deterministic probe rules). */
  public static Node start(NodeConfig config, AccountRules<?> rules) throws Exception {
    return start(config, rules, java.net.http.HttpClient.newHttpClient());
  }

  /** As {@link #start(NodeConfig, AccountRules)}; cross-referencing talks to the hub through {@code crossrefHttp}. */
  public static Node start(NodeConfig config, AccountRules<?> rules, java.net.http.HttpClient crossrefHttp)
      throws Exception {
    io.distillwatch.node.crossref.CrossrefService.prepareMatching(config);
    Files.createDirectories(config.dataDir());
    Files.createDirectories(config.checkpointDir());
    if (!config.isKafkaInput()) {
      Files.createDirectories(config.dataDir().resolve(config.get("input.directory")));
    }
    NodeStore.migrate(config.store());
    PsiEndpoint psi = config.get("psi.config").isEmpty() ? null
        : PsiEndpoint.load(PsiNodeSettings.read(Path.of(config.get("psi.config")), config.dataDir()));
    String restore = restorePath(config);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            config.parallelism(), NodePipeline.flinkConfiguration(config, restore));
    NodePipeline.attachSinks(NodePipeline.source(env, config), rules, config);
    JobClient job = env.executeAsync("distillwatch-node");
    NodeStore reader = NodeStore.connect(config.store());
    NodeHttp http =
        NodeHttp.start(config.get("http.host"), config.httpPort(), () -> status(job), reader, NodeMetrics.jvm(),
            app -> {
              if (psi != null) {
                psi.register(app);
              }
            });
    Node node = new Node(job, reader, http, restore, psi);
    node.crossref = io.distillwatch.node.crossref.CrossrefService.start(config, reader, crossrefHttp);
    return node;
  }

  private static String restorePath(NodeConfig config) {
    String restore = config.get("restore");
    switch (restore) {
      case "none":
        return null;
      case "latest":
        return Checkpoints.latest(config.checkpointDir()).map(p -> p.toUri().toString()).orElse(null);
      default:
        if (!Files.exists(Path.of(restore).resolve("_metadata")) && !Files.exists(Path.of(restore))) {
          throw new IllegalArgumentException("restore: no checkpoint or savepoint at " + restore);
        }
        return Path.of(restore).toAbsolutePath().toUri().toString();
    }
  }

  private static String status(JobClient job) {
    try {
      return job.getJobStatus().get(2, TimeUnit.SECONDS).name();
    } catch (Exception e) {
      return "UNKNOWN";
    }
  }

  /** The checkpoint or savepoint the job was restored from, or null for a fresh start. */
  public String restoredFrom() {
    return restoredFrom;
  }

  public int httpPort() {
    return http.port();
  }

  public JobClient job() {
    return job;
  }

  /** Blocks until the job ends (it normally runs until the process is stopped). */
  public void awaitTermination() throws Exception {
    job.getJobExecutionResult().get();
  }

  /** The cross-referencing loop, or null when {@code crossref.hub} is not set. */
  public io.distillwatch.node.crossref.CrossrefService crossref() {
    return crossref;
  }

  @Override
  public void close() throws Exception {
    if (crossref != null) {
      crossref.close();
    }
    http.close();
    if (psi != null) {
      psi.close();
    }
    try {
      job.cancel().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // already finished or failed
    }
    synchronized (reader) {
      reader.close();
    }
  }
}
