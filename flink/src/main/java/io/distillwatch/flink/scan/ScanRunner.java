package io.distillwatch.flink.scan;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.detect.Detector;
import io.distillwatch.event.Verdict;
import io.distillwatch.ingest.InputFile;
import io.distillwatch.ingest.InputFiles;
import io.distillwatch.report.ReportWriter;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.cluster.ClusterInheritance;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.cluster.ClusterSignals;
import io.distillwatch.scan.OutputRedaction;
import io.distillwatch.scan.RejectedWriter;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanOutput;
import io.distillwatch.scan.ScanRequest;
import io.distillwatch.scan.ScanSummary;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Runs a whole scan: inputs → the detection job → the output directory (DESIGN §4). */
public final class ScanRunner {
  private final ScanRequest request;
  private Function<java.util.Map<String, List<String>>, Function<String, Object>> screening =
      clusters -> account -> null;
  private Supplier<StreamExecutionEnvironment> environment;

  public ScanRunner(ScanRequest request) {
    this.request = request;
  }

  /** Attaches screening results (account → DESIGN §6 object, or null) to accounts.jsonl. */
  public ScanRunner withScreening(Function<String, Object> screening) {
    this.screening = clusters -> screening;
    return this;
  }

  /**
   * Attaches screening results that depend on the clusters found (cluster id → member accounts):
   * members of a cluster with a listed account are affiliated with it.
   */
  public ScanRunner withClusterScreening(
      Function<java.util.Map<String, List<String>>, Function<String, Object>> screening) {
    this.screening = screening;
    return this;
  }

  /** Runs the job on environments from {@code environment} instead of a fresh embedded cluster. */
  public ScanRunner withEnvironment(Supplier<StreamExecutionEnvironment> environment) {
    this.environment = environment;
    return this;
  }

  /** What a finished scan wrote. */
  public record Result(
      ScanSummary summary, List<AccountResult> accounts, List<ClusterResult> clusters, Path outDir) {}

  /**
   * Runs the scan. Throws {@code InputUnreadableException} when an input cannot be read at all, and
   * {@link IllegalArgumentException} for unusable options (the CLI maps them to exit codes 3 and 2).
   */
  public Result run() throws Exception {
    long start = System.nanoTime();
    List<InputFile> inputs = InputFiles.expand(request.events);
    Path out = Path.of(request.out);
    Files.createDirectories(out);
    ScanContextLoader.Loaded side = ScanContextLoader.load(request);
    Detector detector = new Detector(side.context());
    DetectionConfig config = side.context().config();

    Path tmp = Files.createTempDirectory("distillwatch-scan");
    ScanJob.Outcome outcome;
    ScanSummary summary = new ScanSummary();
    try (RejectedWriter rejected = new RejectedWriter(out)) {
      ScanJob job = environment == null
          ? new ScanJob(request, inputs, tmp)
          : new ScanJob(request, inputs, environment.get());
      outcome = job.run(r -> rejected.write(request.redact ? OutputRedaction.rejection(r) : r));
      summary.rejectedByReason = rejected.byReason();
      summary.rejectedSample = rejected.sample();
    } finally {
      // The embedded cluster keeps loading classes from jars it unpacked here while it shuts down
      // after the job: remove the folder when the JVM exits, not now.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(tmp)));
    }
    List<AccountResult> accounts = new ArrayList<>(outcome.accounts());
    List<ClusterResult> clusters = outcome.clusters();
    java.util.Map<String, AccountResult> byAccount = new java.util.HashMap<>();
    accounts.forEach(a -> byAccount.put(a.account, a));
    new ClusterSignals(side.context()).apply(clusters, byAccount);
    new ClusterInheritance(side.context()).apply(accounts, clusters);
    if (request.redact) {
      accounts.forEach(OutputRedaction::signals);
      clusters.forEach(OutputRedaction::cluster);
      summary.sideFileRejections = side.rejections().stream().map(OutputRedaction::rejection).toList();
    } else {
      summary.sideFileRejections = side.rejections();
    }
    accounts.sort(ScanOutput.RANKING);

    summary.records = outcome.records();
    summary.accepted = outcome.accepted();
    summary.rejected = outcome.rejected();
    summary.duplicates = outcome.duplicates();
    summary.fieldErrorsByField = outcome.fieldErrorsByField();
    summary.fieldErrors = outcome.fieldErrorsByField().values().stream().mapToLong(Long::longValue).sum();
    summary.accounts = accounts.size();
    summary.flaggedDistillation = count(accounts, Verdict.DISTILLATION);
    summary.flaggedSuspicious = count(accounts, Verdict.SUSPICIOUS);
    summary.clusters = clusters.size();
    summary.clustersFlagged = clusters.stream().filter(c -> !"benign".equals(c.verdict)).count();
    summary.skippedSignals = detector.skippedSignals().stream().sorted().toList();
    summary.thresholds = config.thresholds();
    summary.config = config.asMap();
    summary.inputs = inputs.stream().map(InputFile::name).toList();

    java.util.Map<String, List<String>> members = new java.util.HashMap<>();
    clusters.forEach(c -> members.put(c.cluster, c.accounts));
    Function<String, Object> screening = this.screening.apply(members);
    ScanOutput output = new ScanOutput(out);
    output.writeAccounts(accounts, screening);
    output.writeClusters(clusters);
    summary.elapsedSeconds = (System.nanoTime() - start) / 1e9;
    output.writeSummary(summary);
    new ReportWriter().withScreening(screening).write(out.resolve(ScanOutput.REPORT), summary, accounts, clusters);
    return new Result(summary, accounts, clusters, out);
  }

  private static long count(List<AccountResult> accounts, Verdict verdict) {
    return accounts.stream().filter(a -> verdict.code().equals(a.verdict)).count();
  }

  /** Best effort: Flink may still be removing its own files from the folder. */
  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // left for the OS to clean up with the rest of the temp dir
    }
  }
}
