package io.distillwatch.cli;

import io.distillwatch.flink.scan.ScanRunner;
import io.distillwatch.ingest.AccountsFile;
import io.distillwatch.screening.Screener;
import io.distillwatch.screening.ScreeningOptions;
import io.distillwatch.screening.ScreeningResult;
import io.distillwatch.ingest.FieldMapping;
import io.distillwatch.ingest.InputFormat;
import io.distillwatch.ingest.InputUnreadableException;
import io.distillwatch.scan.ScanRequest;
import io.distillwatch.scan.ScanSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch scan}: bounded API logs in, a verdict with evidence for every account out. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan API logs for adversarial distillation and explain every verdict.",
      "Writes accounts.jsonl, clusters.jsonl, rejected.jsonl, summary.json and report.html to --out.",
      "Exit codes: 0 done (even with rejected lines), 2 usage error, 3 input unreadable."
    })
public final class ScanCommand implements Callable<Integer> {
  @Option(names = "--events", required = true, paramLabel = "PATH",
      description = "Event file (plain or .gz), directory, or - for stdin. Repeatable.")
  List<String> events = new ArrayList<>();

  @Option(names = "--accounts", paramLabel = "FILE", description = "Accounts file (JSON Lines).")
  Path accounts;

  @Option(names = "--models", paramLabel = "FILE", description = "Models file (JSON Lines).")
  Path models;

  @Option(names = "--ipintel", paramLabel = "DIR",
      description = "IP intelligence folder replacing the public data shipped in the jar.")
  Path ipintel;

  @Option(names = "--no-ipintel", description = "Use no IP intelligence (infra.datacenter_egress and infra.anonymizer are skipped).")
  boolean noIpintel;

  @Option(names = "--allowlist", paramLabel = "FILE",
      description = "Accounts capped at 'suspicious' (JSON Lines {account, reason} or CSV account,reason).")
  Path allowlist;

  @Option(names = "--config", paramLabel = "FILE", description = "Detection thresholds overriding the defaults.")
  Path config;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
      description = "auto|canonical|openai|anthropic|otel|mapped (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--map", paramLabel = "TARGET=SOURCE[,...]",
      description = "Field mapping for --format mapped. Repeatable.")
  List<String> map = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--lists", paramLabel = "DIR",
      description = "Screen accounts (accounts file) against export-control lists; results go in 'screening'.")
  Path lists;

  @Option(names = "--list-date", paramLabel = "YYYY-MM-DD", description = "Date of lists whose file states none.")
  String listDate;

  @Option(names = "--screening-policy", paramLabel = "FILE", description = "Ownership policy for screening.")
  Path screeningPolicy;

  @Option(names = "--disable-signals", split = ",", paramLabel = "FAMILY|ID",
      description = "Switch off signal families or signals (ablation), e.g. infra,elicitation.cot.")
  List<String> disableSignals = new ArrayList<>();

  @Option(names = "--indicators", paramLabel = "DIR",
      description = "Pulled indicators (`pull --indicators-out DIR`): accounts matching them get crossref.match evidence"
          + " (a context signal that never convicts alone). Needs --blinding-key.")
  Path indicators;

  @Option(names = "--blinding-key", paramLabel = "FILE", description = "Members' blinding keyset (Tink JSON).")
  Path blindingKey;

  @Option(names = "--no-linking", description = "Do not link accounts into clusters (per-account verdicts only).")
  boolean noLinking;

  @Option(names = "--redact",
      description = "Outputs show no prompt text beyond template skeletons, no IPs beyond /24, no emails.")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    ScanRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch scan: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    String unreadable = firstUnreadable();
    if (unreadable != null) {
      System.err.println("distillwatch scan: cannot read " + unreadable);
      return ExitCodes.INPUT_UNREADABLE;
    }
    try {
      ScanRunner runner = new ScanRunner(request);
      if (lists != null) {
        if (accounts == null) {
          System.err.println("distillwatch scan: --lists needs --accounts (names and countries come from it)");
          return ExitCodes.USAGE;
        }
        java.util.Map<String, ScreeningResult> screened = screening();
        runner.withClusterScreening(clusters -> {
          java.util.Map<String, ScreeningResult> affiliated =
              io.distillwatch.screening.ClusterAffiliation.apply(screened, clusters);
          return account -> {
            ScreeningResult r = affiliated.get(account);
            return r == null ? null
                : io.distillwatch.scan.ScanOutput.json().convertValue(r, java.util.Map.class);
          };
        });
      }
      ScanRunner.Result result = runner.run();
      printSummary(result.summary());
      return ExitCodes.OK;
    } catch (Exception e) {
      if (e instanceof InputUnreadableException) {
        System.err.println("distillwatch scan: " + e.getMessage());
        return ExitCodes.INPUT_UNREADABLE;
      }
      throw e;
    }
  }

  ScanRequest request() {
    InputFormat.parse(format);
    if (!map.isEmpty()) {
      FieldMapping.parse(map);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1");
    }
    ScanRequest r = new ScanRequest();
    r.events = new ArrayList<>(events);
    r.format = format.toLowerCase(Locale.ROOT);
    r.mapSpecs = new ArrayList<>(map);
    r.accounts = str(accounts);
    r.models = str(models);
    if (noIpintel && ipintel != null) {
      throw new IllegalArgumentException("--ipintel and --no-ipintel exclude each other");
    }
    r.ipintel = str(ipintel);
    r.noIpintel = noIpintel;
    r.allowlist = str(allowlist);
    r.config = str(config);
    r.out = out.toString();
    r.parallelism = parallelism;
    r.redact = redact;
    r.linking = !noLinking;
    r.disabledSignals = new ArrayList<>(disableSignals);
    if (indicators != null && blindingKey == null) {
      throw new IllegalArgumentException("--indicators needs --blinding-key");
    }
    r.indicators = str(indicators);
    r.blindingKey = str(blindingKey);
    return r;
  }

  /** Screens every account of the accounts file, by account. */
  private java.util.Map<String, ScreeningResult> screening() throws Exception {
    ScreeningOptions options = ScreenCommand.options(null, listDate, screeningPolicy);
    Screener screener = Screener.load(lists, options);
    java.util.Map<String, ScreeningResult> byAccount = new java.util.HashMap<>();
    for (ScreeningResult r : screener.screenAll(AccountsFile.load(accounts).entries().values())) {
      byAccount.put(r.account(), r);
    }
    return byAccount;
  }

  private static String str(Path p) {
    return p == null ? null : p.toString();
  }

  /** The first side input that cannot be read, named with its option, or null. */
  private String firstUnreadable() {
    Path[] paths = {accounts, models, ipintel, allowlist, config, lists, screeningPolicy, indicators, blindingKey};
    String[] names = {"--accounts", "--models", "--ipintel", "--allowlist", "--config", "--lists",
        "--screening-policy", "--indicators", "--blinding-key"};
    for (int i = 0; i < paths.length; i++) {
      if (paths[i] != null && !Files.isReadable(paths[i])) {
        return names[i] + " " + paths[i];
      }
    }
    return null;
  }

  static void printSummary(ScanSummary s) {
    System.out.printf(Locale.ROOT,
        "%d records: %d accepted, %d rejected, %d duplicates; %d accounts: %d distillation, %d suspicious"
            + " (%.1f s, %,d events/s)%n",
        s.records, s.accepted, s.rejected, s.duplicates, s.accounts, s.flaggedDistillation,
        s.flaggedSuspicious, s.elapsedSeconds, Math.round(s.eventsPerSecond()));
  }
}
