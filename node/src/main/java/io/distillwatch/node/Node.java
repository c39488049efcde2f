package io.distillwatch.node;

import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.Checkpoints;
import io.distillwatch.flink.stream.DetectorRules;
import io.distillwatch.node.console.ActivitySettings;
import io.distillwatch.node.console.ConsoleWeb;
import io.distillwatch.node.http.NodeHttp;
import io.distillwatch.node.store.ConsoleStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import io.distillwatch.node.metrics.NodeMetrics;
import io.distillwatch.node.screening.LiveScreening;
import io.distillwatch.node.screening.LiveScreeningConfig;
import io.distillwatch.node.screening.ScreenRoute;
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
  private final ConsoleStore console;
  private final ScheduledExecutorService housekeeping;
  private final String restoredFrom;
  private final LiveScreening screening;
  private io.distillwatch.node.crossref.CrossrefService crossref;
  private final PsiEndpoint psi;

  private Node(JobClient job, NodeStore reader, NodeHttp http, ConsoleStore console, ScheduledExecutorService housekeeping,
      String restoredFrom, LiveScreening screening, PsiEndpoint psi) {
    this.job = job;
    this.reader = reader;
    this.http = http;
    this.console = console;
    this.housekeeping = housekeeping;
    this.restoredFrom = restoredFrom;
    this.screening = screening;
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
    ConsoleStore console = ConsoleStore.connect(config.store(), 4);
    ConsoleWeb.bootstrapAdmin(console, System.getenv("DISTILLWATCH_ADMIN_PASSWORD"), System.out);
    ConsoleWeb web = new ConsoleWeb(console, reader, config.consoleSettings());
    LiveScreeningConfig screeningConfig = LiveScreeningConfig.from(config);
    LiveScreening screening = screeningConfig == null ? null : LiveScreening.start(screeningConfig);
    NodeHttp http =
        NodeHttp.start(config.get("http.host"), config.httpPort(), () -> status(job), reader, NodeMetrics.jvm(), web,
            app -> {
              if (screening != null) {
                ScreenRoute.register(app, screening);
              }
              if (psi != null) {
                psi.register(app);
              }
            });
    Node node = new Node(job, reader, http, console, housekeeping(console, web, config.activitySettings()), restore,
        screening, psi);
    node.crossref = io.distillwatch.node.crossref.CrossrefService.start(config, reader, crossrefHttp);
    return node;
  }

  /** Every 10 minutes: expired sessions dropped, activity and example prompts past retention deleted. */
  static ScheduledExecutorService housekeeping(ConsoleStore console, ConsoleWeb web, ActivitySettings retention) {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "console-housekeeping");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(() -> {
      try {
        web.sweepSessions();
        long now = System.currentTimeMillis();
        console.purge(
            retention.activityRetention().isZero() ? Long.MIN_VALUE : now - retention.activityRetention().toMillis(),
            retention.examplesRetention().isZero() ? Long.MIN_VALUE : now - retention.examplesRetention().toMillis());
      } catch (RuntimeException e) {
        // the next round tries again; the store's health shows on /readyz
      }
    }, 1, 600, TimeUnit.SECONDS);
    return s;
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

  /** Live screening, or null when {@code screening.lists} is not set. */
  public LiveScreening screening() {
    return screening;
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
    housekeeping.shutdownNow();
    http.close();
    console.close();
    if (screening != null) {
      screening.close();
    }
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
