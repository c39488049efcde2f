package io.distillwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.eval.calibrate.Calibrator;
import io.distillwatch.eval.calibrate.LeaveOneOut;
import io.distillwatch.eval.corpus.SourceSplit;
import io.distillwatch.eval.metrics.VariantSummary;
import io.distillwatch.eval.metrics.MetricsReport;
import io.distillwatch.eval.metrics.Scorer;
import io.distillwatch.eval.sim.SimConfig;
import io.distillwatch.eval.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillwatch eval}: simulate, run the same detection as {@code scan}, and score it against the
 * truth with the baselines beside it; or score an existing scan output ({@code --truth} + {@code --scan-out}).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measure detection on simulated, labelled traffic (docs/evaluation.md).",
      "  eval --corpus DIR --out DIR [--seed N] [--scale X] [--days D] [--split heldout|tuning|all|both]",
      "      simulates each split, runs scan on it, scores it; headline = held-out.",
      "  eval --truth truth.json --scan-out DIR [--scan-out LABEL=DIR ...] [--events F ...] --out DIR",
      "      scores existing scan outputs (the first is the detector, the others ablations).",
      "  eval --loco [--from DIR] --out DIR",
      "      leave-one-campaign-out: calibrate on the tuning split without each style, recall on held-out.",
      "  eval --variants N [--scale X] --out DIR",
      "      N randomised variants of the held-out split, scanned at the shipped thresholds.",
      "Writes metrics.json and metrics.md. Exit codes: 0 done, 2 usage error, 3 input unreadable."
    })
public final class EvalCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int UNREADABLE = 3;
  /** The scan option that disables signal families, used for the ablation table when scan has it. */
  static final String DISABLE_OPTION = "--disable-signals";
  /** Signal families ablated by {@code --ablate all} (DESIGN §3). */
  static final List<String> FAMILIES =
      List.of("volume", "automation", "structure", "elicitation", "timing", "infra", "account", "cluster");

  @Option(names = "--corpus", paramLabel = "DIR", description = "Evaluation data (default: ../shared/data).")
  Path corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--seed", defaultValue = "" + SimConfig.DEFAULT_SEED, description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale", defaultValue = "" + SimConfig.DEFAULT_SCALE, description = "Scale (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--days", defaultValue = "" + SimConfig.DEFAULT_DAYS, description = "Days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--split", defaultValue = "both",
      description = "heldout, tuning, all, or both = heldout and tuning (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--heldout-sources", paramLabel = "SRC[,SRC...]",
      description = "Source families held out instead of DESIGN §7's default set.")
  String heldoutSources;

  @Option(names = "--ablate", paramLabel = "FAMILY[,FAMILY...]|all",
      description = "Also run scan with each family disabled (needs scan's " + DISABLE_OPTION + ").")
  String ablate;

  @Option(names = "--scan-arg", paramLabel = "ARG", description = "Extra argument passed to scan. Repeatable.")
  List<String> scanArgs = new ArrayList<>();

  @Option(names = "--truth", paramLabel = "FILE", description = "Score mode: the simulation's truth.json.")
  Path truth;

  @Option(names = "--scan-out", paramLabel = "[LABEL=]DIR",
      description = "Score mode: a scan output directory. Repeatable; the first is the detector.")
  List<String> scanOuts = new ArrayList<>();

  @Option(names = "--events", paramLabel = "FILE",
      description = "Score mode: event files for request counts and baselines (default: events.jsonl.gz beside --truth).")
  List<Path> events = new ArrayList<>();

  @Option(names = "--loco", description = "Leave-one-campaign-out over both splits (docs/evaluation.md).")
  boolean loco;

  @Option(names = "--from", paramLabel = "DIR",
      description = "With --loco: reuse an earlier eval output (its tuning/ and heldout/ data and scans).")
  Path from;

  @Option(names = "--variants", defaultValue = "0", paramLabel = "N",
      description = "Run N randomised variants of the held-out split at the shipped thresholds (or --scan-arg --config).")
  int variants;

  @Override
  public Integer call() {
    try {
      if (truth != null || !scanOuts.isEmpty()) {
        return scoreOnly();
      }
      if (variants < 0) {
        throw new UsageException("--variants must be at least 0");
      }
      if (loco || variants > 0) {
        return generalisation();
      }
      return simulateScanScore();
    } catch (UsageException e) {
      System.err.println("distillwatch eval: " + e.getMessage());
      return USAGE;
    } catch (IOException | IllegalStateException e) {
      System.err.println("distillwatch eval: " + e.getMessage());
      return UNREADABLE;
    }
  }

  static final class UsageException extends Exception {
    UsageException(String m) {
      super(m);
    }
  }

  private int scoreOnly() throws UsageException, IOException {
    if (truth == null || scanOuts.isEmpty()) {
      throw new UsageException("score mode needs both --truth and --scan-out");
    }
    if (!Files.isRegularFile(truth)) {
      throw new IOException("cannot read --truth " + truth);
    }
    List<Map.Entry<String, Path>> scans = new ArrayList<>();
    for (int i = 0; i < scanOuts.size(); i++) {
      String s = scanOuts.get(i);
      int eq = s.indexOf('=');
      String label = eq > 0 ? s.substring(0, eq) : i == 0 ? "DistillWatch" : "scan " + (i + 1);
      scans.add(new AbstractMap.SimpleEntry<>(label, Path.of(eq > 0 ? s.substring(eq + 1) : s)));
    }
    List<Path> ev = new ArrayList<>(events);
    if (ev.isEmpty()) {
      Path beside = truth.toAbsolutePath().getParent().resolve(Simulator.EVENTS);
      if (Files.isRegularFile(beside)) {
        ev.add(beside);
      }
    }
    for (Path p : ev) {
      if (!Files.isReadable(p)) {
        throw new IOException("cannot read --events " + p);
      }
    }
    MetricsReport report = Scorer.score(truth, scans, ev);
    Scorer.write(report, out);
    System.out.print(report.toMarkdown());
    if (ev.isEmpty()) {
      System.out.println("(no events file: request counts and baselines left out)");
    }
    return OK;
  }

  private int simulateScanScore() throws UsageException, IOException {
    List<SourceSplit.Side> sides = new ArrayList<>();
    try {
      if (split.equalsIgnoreCase("both")) {
        sides.add(SourceSplit.Side.HELDOUT);
        sides.add(SourceSplit.Side.TUNING);
      } else {
        sides.add(SourceSplit.Side.parse(split));
      }
      new SimConfig(seed, scale, days, SourceSplit.defaults(sides.get(0)));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path data = SimulateCommand.resolveCorpus(corpus);
    if (data == null) {
      throw new IOException("no --corpus given and ../shared/data not found");
    }
    CommandLine probe = scanCommandLine();
    List<String> ablations = ablations(probe);
    Map<String, MetricsReport> reports = new LinkedHashMap<>();
    ObjectMapper mapper = MetricsReport.mapper();
    ObjectNode combined = mapper.createObjectNode();
    combined.put("schema_version", 1);
    combined.put("seed", seed).put("scale", scale).put("days", days);
    combined.put("command", commandLine());
    ObjectNode timings = combined.putObject("timings_seconds");
    for (SourceSplit.Side side : sides) {
      SimConfig cfg = new SimConfig(seed, scale, days, SourceSplit.of(side, heldoutSources));
      Path dir = out.resolve(side.label());
      Path sim = dir.resolve("data");
      SimulateCommand.Result r = SimulateCommand.run(cfg, data, sim);
      System.out.printf(Locale.ROOT, "[%s] simulated %,d events, %,d accounts in %.1f s%n", side.label(), r.events(),
          r.accounts(), r.seconds());
      ObjectNode t = timings.putObject(side.label());
      t.put("simulate", r.seconds());
      List<Map.Entry<String, Path>> scans = new ArrayList<>();
      Path ipintel = Files.isDirectory(data.resolve("ipintel")) ? data.resolve("ipintel") : data;
      long t0 = System.nanoTime();
      runScan(sim, ipintel, dir.resolve("scan"), null);
      t.put("scan", (System.nanoTime() - t0) / 1e9);
      scans.add(new AbstractMap.SimpleEntry<>("DistillWatch", dir.resolve("scan")));
      for (String family : ablations) {
        Path o = dir.resolve("scan-without-" + family);
        runScan(sim, ipintel, o, family);
        scans.add(new AbstractMap.SimpleEntry<>("without " + family, o));
      }
      long t1 = System.nanoTime();
      MetricsReport report = Scorer.score(sim.resolve(Simulator.TRUTH), scans, List.of(sim.resolve(Simulator.EVENTS)));
      Scorer.write(report, dir);
      t.put("score", (System.nanoTime() - t1) / 1e9);
      reports.put(side.label(), report);
    }
    if (ablate != null && ablations.isEmpty()) {
      combined.put("ablation", "skipped: scan has no " + DISABLE_OPTION + " option");
    }
    if (!scanNotes.isEmpty()) {
      combined.put("scan_notes", String.join("; ", scanNotes));
    }
    ObjectNode splits = combined.putObject("splits");
    reports.forEach((k, v) -> splits.set(k, v.toJson()));
    Files.createDirectories(out);
    mapper.writeValue(out.resolve(Scorer.METRICS_JSON).toFile(), combined);
    String md = MetricsReport.combinedMarkdown(reports);
    if (combined.has("ablation")) {
      md += "\nAblation " + combined.get("ablation").asText() + ".\n";
    }
    if (!scanNotes.isEmpty()) {
      md += "\nNote: " + String.join("; ", scanNotes) + ".\n";
    }
    Files.writeString(out.resolve(Scorer.METRICS_MD), md, StandardCharsets.UTF_8);
    System.out.print(md);
    return OK;
  }

  /** Leave-one-campaign-out and/or randomised variants (docs/evaluation.md, "Generalisation"). */
  private int generalisation() throws UsageException, IOException {
    ObjectMapper mapper = MetricsReport.mapper();
    StringBuilder md = new StringBuilder();
    if (loco) {
      long t0 = System.nanoTime();
      Path base = from;
      if (base == null) {
        split = "both";
        simulateScanScore();
        base = out;
      }
      Path tuning = base.resolve("tuning");
      Path held = base.resolve("heldout");
      for (Path p : List.of(tuning.resolve("scan"), held.resolve("scan"))) {
        if (!Files.isDirectory(p)) {
          throw new IOException("no scan output " + p + " (run eval with --split both first, or drop --from)");
        }
      }
      LeaveOneOut l = LeaveOneOut.run(tuning.resolve("scan"), tuning.resolve("data").resolve(Simulator.TRUTH),
          held.resolve("scan"), held.resolve("data").resolve(Simulator.TRUTH), Calibrator.Options.DEFAULT);
      Files.createDirectories(out);
      l.full().writeConfig(out.resolve("calibrated.properties"));
      l.full().writeReport(out.resolve("calibration.json"));
      ObjectNode j = l.toJson(mapper);
      j.put("seconds", (System.nanoTime() - t0) / 1e9);
      j.put("from", base.toString());
      mapper.writeValue(out.resolve("loco.json").toFile(), j);
      Files.writeString(out.resolve("loco.md"), l.toMarkdown(), StandardCharsets.UTF_8);
      md.append(l.toMarkdown()).append('\n');
    }
    if (variants > 0) {
      md.append(runVariants(mapper));
    }
    System.out.print(md);
    return OK;
  }

  private String runVariants(ObjectMapper mapper) throws UsageException, IOException {
    Path data = SimulateCommand.resolveCorpus(corpus);
    if (data == null) {
      throw new IOException("no --corpus given and ../shared/data not found");
    }
    SourceSplit.Side side;
    try {
      side = split.equalsIgnoreCase("both") ? SourceSplit.Side.HELDOUT : SourceSplit.Side.parse(split);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path ipintel = Files.isDirectory(data.resolve("ipintel")) ? data.resolve("ipintel") : data;
    VariantSummary summary = new VariantSummary();
    ObjectNode timings = mapper.createObjectNode();
    long t0 = System.nanoTime();
    for (int i = 1; i <= variants; i++) {
      long v0 = System.nanoTime();
      SimConfig cfg = SimulateCommand.variant(new SimConfig(seed, scale, days, SourceSplit.of(side, heldoutSources)), data, i);
      Path dir = out.resolve("variants").resolve(SimulateCommand.variantDir(i));
      Path sim = dir.resolve("data");
      SimulateCommand.Result r = SimulateCommand.run(cfg, data, sim);
      runScan(sim, ipintel, dir.resolve("scan"), null);
      MetricsReport report = Scorer.score(sim.resolve(Simulator.TRUTH),
          List.of(new AbstractMap.SimpleEntry<>("DistillWatch", dir.resolve("scan"))), List.of(sim.resolve(Simulator.EVENTS)));
      Scorer.write(report, dir);
      summary.add(report.all().get(0));
      double secs = (System.nanoTime() - v0) / 1e9;
      timings.put(SimulateCommand.variantDir(i), secs);
      System.out.printf(Locale.ROOT, "[variant %d] %,d events, %,d accounts: %.0f s%n", i, r.events(), r.accounts(), secs);
    }
    ObjectNode j = summary.toJson(mapper);
    j.put("seed", seed).put("scale", scale).put("days", days).put("split", side.label());
    j.put("seconds", (System.nanoTime() - t0) / 1e9);
    j.set("seconds_per_variant", timings);
    if (!scanArgs.isEmpty()) {
      j.put("scan_args", String.join(" ", scanArgs));
    }
    Files.createDirectories(out);
    mapper.writeValue(out.resolve("variants.json").toFile(), j);
    String md = summary.toMarkdown();
    Files.writeString(out.resolve("variants.md"), md, StandardCharsets.UTF_8);
    return md;
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("distillwatch eval");
    if (corpus != null) {
      sb.append(" --corpus ").append(corpus);
    }
    sb.append(" --out ").append(out).append(" --seed ").append(seed).append(" --scale ").append(scale)
        .append(" --days ").append(days).append(" --split ").append(split);
    if (ablate != null) {
      sb.append(" --ablate ").append(ablate);
    }
    return sb.toString();
  }

  private List<String> ablations(CommandLine scan) throws UsageException {
    if (ablate == null || ablate.isBlank()) {
      return List.of();
    }
    List<String> fams =
        ablate.equalsIgnoreCase("all") ? FAMILIES : List.of(ablate.split(",")).stream().map(String::trim).toList();
    if (scan.getCommandSpec().findOption(DISABLE_OPTION) == null) {
      System.err.println("distillwatch eval: scan has no " + DISABLE_OPTION + " option: ablation skipped");
      return List.of();
    }
    return fams;
  }

  /** A fresh scan command: the same detection as {@code distillwatch scan}. */
  static CommandLine scanCommandLine() {
    return new CommandLine(new ScanCommand());
  }

  /** Notes about how scan was run (e.g. an input it could not use), for the report. */
  private final List<String> scanNotes = new ArrayList<>();

  private boolean ipintelUnsupported;

  private void runScan(Path sim, Path ipintel, Path scanOut, String disabledFamily) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--events", sim.resolve(Simulator.EVENTS).toString(),
        "--accounts", sim.resolve(Simulator.ACCOUNTS).toString(),
        "--models", sim.resolve(Simulator.MODELS).toString(),
        "--out", scanOut.toString()));
    if (!ipintelUnsupported) {
      args.add("--ipintel");
      args.add(ipintel.toString());
    }
    if (disabledFamily != null) {
      args.add(DISABLE_OPTION);
      args.add(disabledFamily);
    }
    args.addAll(scanArgs);
    Exception[] failure = new Exception[1];
    CommandLine scan = scanCommandLine();
    scan.setExecutionExceptionHandler((ex, cl, parsed) -> {
      failure[0] = ex;
      return 1;
    });
    int code = scan.execute(args.toArray(String[]::new));
    if (code != 0 && !ipintelUnsupported && failure[0] instanceof IllegalArgumentException
        && String.valueOf(failure[0].getMessage()).contains("--ipintel")) {
      // an older scan without IP intelligence: measure what it can do, and say so in the report
      ipintelUnsupported = true;
      scanNotes.add("scan ran without --ipintel (" + failure[0].getMessage() + ")");
      System.err.println("distillwatch eval: " + scanNotes.get(scanNotes.size() - 1) + "; retrying without it");
      runScan(sim, ipintel, scanOut, disabledFamily);
      return;
    }
    if (code != 0) {
      throw new IllegalStateException("scan exited with " + code + " (" + String.join(" ", args) + ")"
          + (failure[0] == null ? "" : ": " + failure[0]));
    }
  }
}
