package io.distillwatch.cli;

import io.distillwatch.flink.scan.ScanRunner;
import io.distillwatch.sample.SampleTraffic;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ScanRequest;
import io.distillwatch.node.console.ActivitySettings;
import io.distillwatch.node.console.ConsoleServer;
import io.distillwatch.node.console.ConsoleSettings;
import io.distillwatch.node.console.ScanImport;
import io.distillwatch.node.store.StoreConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillwatch demo}: generates a small labelled sample and scans it; with {@code --serve} the
 * result is loaded into an embedded store and the analyst console serves it until the process is stopped.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a small labelled sample of API traffic (the project's own) and scan it; then run a hub and two",
      "provider nodes in one process and show a cross-provider match (out/demo/crossref).",
      "--serve: then keep the analyst console up on the result (Ctrl-C stops it). The first admin's password",
      "comes from DISTILLWATCH_ADMIN_PASSWORD, otherwise a one-time password is printed."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "out/demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "7", description = "Sample seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--serve", description = "Serve the analyst console on the result until stopped.")
  boolean serve;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Console bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Console port, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

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
    if (serve) {
      return serve(input.resolve("events.jsonl.gz"));
    }
    return ExitCodes.OK;
  }

  private int serve(Path events) throws Exception {
    StoreConfig store = StoreConfig.embedded(out.resolve("console").toAbsolutePath());
    ConsoleServer server = ConsoleServer.start(host, port, store, ConsoleSettings.defaults(),
        System.getenv("DISTILLWATCH_ADMIN_PASSWORD"), System.out);
    ScanImport.Loaded loaded;
    synchronized (server.history()) {
      loaded = ScanImport.load(out, List.of(events), server.history(), server.store(), ActivitySettings.defaults());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.printf("console: %d alerts, %d clusters loaded; open http://%s:%d/ (user admin); Ctrl-C stops it%n",
        loaded.alerts(), loaded.clusters(), host.contains(":") ? "[" + host + "]" : host, server.port());
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
