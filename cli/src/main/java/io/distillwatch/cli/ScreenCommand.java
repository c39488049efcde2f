package io.distillwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.Rejection;
import io.distillwatch.ingest.AccountsFile;
import io.distillwatch.ingest.InputUnreadableException;
import io.distillwatch.ingest.LoadedFile;
import io.distillwatch.screening.Outcome;
import io.distillwatch.screening.OwnershipPolicy;
import io.distillwatch.screening.Screener;
import io.distillwatch.screening.ScreeningOptions;
import io.distillwatch.screening.ScreeningResult;
import io.distillwatch.screening.eval.ScreeningEvaluation;
import io.distillwatch.screening.eval.SyntheticAccounts;
import io.distillwatch.screening.lists.ListDiff;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.lists.ListFormatException;
import io.distillwatch.screening.lists.ListLoader;
import io.distillwatch.screening.lists.LoadProblem;
import io.distillwatch.screening.lists.ScreeningList;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distillwatch screen}: screens an accounts file against export-control and sanctions lists
 * and writes {@code screening.jsonl} (DESIGN §6). Subcommands: {@code diff} (two snapshots of a
 * list), {@code eval} (alias recall and false matches on the lists themselves), {@code bench}
 * (throughput on synthetic accounts). Exit codes: 0 done, 2 usage error, 3 input unreadable.
 */
@Command(
    name = "screen",
    mixinStandardHelpOptions = true,
    description = {
      "Screen accounts against the US Consolidated Screening List (CSV), the UN consolidated "
          + "list (XML), OFAC's SDN files (sdn.csv, alt.csv, add.csv) and OpenSanctions "
          + "FollowTheMoney entities (JSON lines), in any mix. Results are evidence for a reviewer, "
          + "never a legal clearance."
    },
    subcommands = {
      ScreenCommand.Diff.class, ScreenCommand.Eval.class, ScreenCommand.Bench.class
    })
public final class ScreenCommand implements Callable<Integer> {
  static final int OK = ExitCodes.OK;
  static final int USAGE = ExitCodes.USAGE;
  static final int UNREADABLE = ExitCodes.INPUT_UNREADABLE;
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--accounts", paramLabel = "FILE", description = "Accounts file (JSON Lines, .gz ok).")
  Path accounts;

  @Option(names = "--lists", paramLabel = "DIR", description = "Directory (or one file) of list files: sdn.csv with alt.csv and add.csv (OFAC SDN), other *.csv (CSL), *.xml (UN), *.json/*.jsonl (OpenSanctions FtM); each optionally .gz.")
  Path lists;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--list-date", paramLabel = "YYYY-MM-DD", description = "Date of lists whose file states none (default: file modification date).")
  String listDate;

  @Option(names = "--policy", paramLabel = "FILE", description = "Ownership policy (properties): restricted jurisdictions, majority threshold, outcomes.")
  Path policy;

  @Option(names = "--config", paramLabel = "FILE", description = "Thresholds (properties), overriding screening-defaults.properties.")
  Path config;

  /** Runs {@code screen} on its own (the {@code distillwatch} launcher registers it as a subcommand). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ScreenCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outw = spec.commandLine().getOut();
    if (accounts == null || lists == null) {
      err.println("screen: --accounts FILE and --lists DIR are required");
      spec.commandLine().usage(err);
      return USAGE;
    }
    ScreeningOptions options;
    try {
      options = options(config, listDate, policy);
    } catch (IllegalArgumentException e) {
      err.println("screen: " + e.getMessage());
      return USAGE;
    } catch (IOException e) {
      err.println("screen: cannot read " + e.getMessage());
      return UNREADABLE;
    }
    LoadedFile<AccountInfo> read;
    try {
      read = AccountsFile.load(accounts);
    } catch (InputUnreadableException e) {
      err.println("screen: cannot read accounts " + accounts + ": " + e.getMessage());
      return UNREADABLE;
    }
    Screener screener;
    try {
      screener = Screener.load(lists, options);
    } catch (ListFormatException e) {
      err.println("screen: " + e.getMessage());
      return UNREADABLE;
    }
    List<String> accountProblems = new java.util.ArrayList<>();
    for (Rejection r : read.rejections()) {
      accountProblems.add("line " + r.line + ": " + r.reason + " " + r.detail);
    }
    reportProblems(screener.lists(), accountProblems, err);
    List<ScreeningResult> results = screener.screenAll(read.entries().values());
    Path file = out.resolve("screening.jsonl");
    try {
      Files.createDirectories(out);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (ScreeningResult r : results) {
          w.write(JSON.writeValueAsString(r));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      err.println("screen: cannot write " + file + ": " + e.getMessage());
      return UNREADABLE;
    }
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (ScreeningResult r : results) {
      counts.merge(r.outcome(), 1, Integer::sum);
    }
    outw.printf(Locale.ROOT, "%d accounts screened against %d list entries: %d match, %d review, %d no_match -> %s%n",
        results.size(), screener.index().entryCount(), counts.getOrDefault(Outcome.MATCH, 0),
        counts.getOrDefault(Outcome.REVIEW, 0), counts.getOrDefault(Outcome.NO_MATCH, 0), file);
    outw.println("Screening results are evidence for a reviewer, never a legal clearance.");
    outw.flush();
    return OK;
  }

  static ScreeningOptions options(Path config, String listDate, Path policy) throws IOException {
    ScreeningOptions o = config == null ? ScreeningOptions.defaults() : ScreeningOptions.fromFile(config);
    o = o.withListDate(listDate);
    if (policy != null) {
      o = o.withPolicy(OwnershipPolicy.fromFile(policy));
    }
    return o;
  }

  static void reportProblems(List<ScreeningList> lists, List<String> accountProblems, PrintWriter err) {
    for (ScreeningList l : lists) {
      if (!l.problems().isEmpty()) {
        err.printf(Locale.ROOT, "screen: %s: %d rows skipped%n", l.receipt().file(), l.problems().size());
        for (LoadProblem p : l.problems().subList(0, Math.min(10, l.problems().size()))) {
          err.printf(Locale.ROOT, "  line %d: %s: %s%n", p.line(), p.reason(), p.detail());
        }
      }
    }
    if (!accountProblems.isEmpty()) {
      err.printf(Locale.ROOT, "screen: accounts: %d lines skipped%n", accountProblems.size());
      for (String p : accountProblems.subList(0, Math.min(10, accountProblems.size()))) {
        err.println("  " + p);
      }
    }
    err.flush();
  }

  /** {@code screen diff OLD NEW}: added, removed and changed entries between two snapshots. */
  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Entries added, removed and changed between two snapshots of a list, as JSON Lines.")
  static final class Diff implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD") Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW") Path newFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON Lines here instead of standard output.")
    Path out;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      ScreeningList before;
      ScreeningList after;
      try {
        before = ListLoader.load(oldFile, null);
        after = ListLoader.load(newFile, null);
      } catch (ListFormatException e) {
        err.println("screen diff: " + e.getMessage());
        return UNREADABLE;
      }
      if (!before.format().equals(after.format())) {
        err.println("screen diff: " + oldFile + " and " + newFile + " are different list formats");
        return USAGE;
      }
      reportProblems(List.of(before, after), List.of(), err);
      ListDiff diff = ListDiff.between(before.entries(), after.entries());
      try {
        Writer w = out == null ? spec.commandLine().getOut() : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try {
          for (ListEntry e : diff.added()) {
            w.write(line("added", e, null) + "\n");
          }
          for (ListEntry e : diff.removed()) {
            w.write(line("removed", e, null) + "\n");
          }
          for (ListDiff.Change c : diff.changed()) {
            w.write(line("changed", c.after(), c.fields()) + "\n");
          }
        } finally {
          if (out == null) {
            w.flush();
          } else {
            w.close();
          }
        }
      } catch (IOException e) {
        err.println("screen diff: cannot write: " + e.getMessage());
        return UNREADABLE;
      }
      PrintWriter msg = out == null ? err : spec.commandLine().getOut();
      msg.printf(Locale.ROOT, "%s (%s) -> %s (%s): %d added, %d removed, %d changed%n",
          before.receipt().file(), before.receipt().sha256().substring(0, 12),
          after.receipt().file(), after.receipt().sha256().substring(0, 12),
          diff.added().size(), diff.removed().size(), diff.changed().size());
      msg.flush();
      return OK;
    }

    private static String line(String change, ListEntry e, List<String> fields) throws IOException {
      ObjectNode n = JSON.createObjectNode();
      n.put("change", change);
      n.put("list", e.list());
      n.put("id", e.id());
      n.put("name", e.name());
      if (fields != null) {
        n.set("fields", JSON.valueToTree(fields));
      }
      n.set("entry", JSON.valueToTree(e));
      return JSON.writeValueAsString(n);
    }
  }

  /** {@code screen eval --lists DIR}: alias recall and false matches, printed. */
  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Alias recall (the lists' own alternate names), listed names written as people write them (one variant class at a time) and false matches on non-listed names.")
  static final class Eval implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--lists", required = true, paramLabel = "DIR") Path lists;

    @Option(names = "--seed", defaultValue = "42") long seed;

    @Option(names = "--negatives", defaultValue = "2000", description = "Generated non-listed names (default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--per-class", defaultValue = "1000", description = "Listed entities written in each variant class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--config", paramLabel = "FILE") Path config;

    @Override
    public Integer call() {
      try {
        Screener s = Screener.load(lists, options(config, null, null));
        spec.commandLine().getOut().print(new ScreeningEvaluation(s).run(seed, negatives, perClass).render());
        spec.commandLine().getOut().flush();
        return OK;
      } catch (ListFormatException | IOException e) {
        spec.commandLine().getErr().println("screen eval: " + e.getMessage());
        return UNREADABLE;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("screen eval: " + e.getMessage());
        return USAGE;
      }
    }
  }

  /** {@code screen bench --lists DIR}: load and screen synthetic accounts, timed. */
  @Command(name = "bench", mixinStandardHelpOptions = true,
      description = "Times loading the lists and screening synthetic accounts (seeded).")
  static final class Bench implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--lists", required = true, paramLabel = "DIR") Path lists;

    @Option(names = "--accounts", defaultValue = "100000") int count;

    @Option(names = "--seed", defaultValue = "7") long seed;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        Screener s = Screener.load(lists, ScreeningOptions.defaults());
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        List<AccountInfo> accounts = SyntheticAccounts.generate(s.lists(), count, seed);
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        List<ScreeningResult> results = s.screenAll(accounts);
        long t3 = System.nanoTime();
        long c3 = cpuNanos();
        long flagged = results.stream().filter(r -> r.outcome() != Outcome.NO_MATCH).count();
        out.printf(Locale.ROOT,
            "lists: %d entries, %d names, loaded and indexed in %.2f s%n"
                + "accounts: %d (seed %d), screened in %.2f s (%.0f accounts/s, %d threads), %d flagged%n"
                + "total (load + screen): %.2f s%n",
            s.index().entryCount(), s.index().nameCount(), (t1 - t0) / 1e9, count, seed,
            (t3 - t2) / 1e9, count / ((t3 - t2) / 1e9), Runtime.getRuntime().availableProcessors(),
            flagged, ((t1 - t0) + (t3 - t2)) / 1e9);
        out.printf(Locale.ROOT, "process CPU time: load %.2f s, screen %.2f s (all threads; "
                + "compare with wall time to see contention)%n", (c1 - c0) / 1e9, (c3 - c2) / 1e9);
        out.flush();
        return OK;
      } catch (ListFormatException e) {
        spec.commandLine().getErr().println("screen bench: " + e.getMessage());
        return UNREADABLE;
      }
    }

    private static long cpuNanos() {
      java.lang.management.OperatingSystemMXBean os =
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
  }
}
