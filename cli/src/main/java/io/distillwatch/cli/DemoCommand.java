package io.distillwatch.cli;

import io.distillwatch.flink.scan.ScanRunner;
import io.distillwatch.sample.SampleTraffic;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ScanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch demo}: generates a small labelled sample and scans it. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Generate a small labelled sample of API traffic (the project's own) and scan it;",
        "then run a hub and two provider nodes in one process and show a cross-provider match (out/demo/crossref)."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "7", description = "Sample seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-crossref", description = "Skip the cross-provider part (a hub and two provider nodes).")
  boolean noCrossref;

  @Override
  public Integer call() throws Exception {
    Path input = out.resolve("input");
    SampleTraffic sample = new SampleTraffic(seed);
    sample.write(input);
    ScanRequest request = new ScanRequest();
    request.events = List.of(input.resolve("events.jsonl.gz").toString());
    request.accounts = input.resolve("accounts.jsonl").toString();
    request.models = input.resolve("models.jsonl").toString();
    request.out = out.toString();
    ScanRunner.Result result = new ScanRunner(request).run();
    ScanCommand.printSummary(result.summary());
    Map<String, String> truth = sample.truth();
    System.out.printf("%-20s %-13s %-13s %s%n", "account", "truth", "verdict", "score");
    for (AccountResult a : result.accounts()) {
      if (!"benign".equals(a.verdict) || !"benign".equals(truth.get(a.account))) {
        System.out.printf("%-20s %-13s %-13s %.3f%n", a.account, truth.get(a.account), a.verdict, a.score);
      }
    }
    System.out.println("(other accounts: benign and labelled benign) — report: " + out.resolve("report.html"));
    if (!noCrossref) {
      // a campaign spread over two providers: A convicts and publishes, B matches and answers (docs/crossref.md)
      io.distillwatch.node.crossref.CrossProviderDemo.run(out.resolve("crossref"), System.out);
    }
    return ExitCodes.OK;
  }
}
