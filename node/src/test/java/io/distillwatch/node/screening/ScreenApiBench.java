package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.node.Node;
import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.console.TestAnalysts;
import io.distillwatch.screening.eval.SyntheticAccounts;
import io.distillwatch.screening.lists.ListLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test) of {@code POST /api/screen}: a node with live screening on the given lists,
 * sign-ups from the screening bench's seeded generator (generated names, perturbed list names,
 * email-only, owned companies), sent over loopback HTTP by {@code clients} clients one request after
 * another each; latency per request from send to the body read, after a warm-up.
 *
 * <p>Arguments: lists directory, requests (default 20000), clients (default 1).
 */
public final class ScreenApiBench {
  private static final String TOKEN = "dwt_screen-api-bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path lists = Path.of(args[0]);
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path dir = Files.createTempDirectory("screen-api-bench");
    NodeConfig config = NodeConfig.of(Map.of("data.dir", dir.toString(), "http.port", "0",
        "screening.lists", lists.toString(), "screening.scan-interval", "10s"));
    TestAnalysts.withApiToken(config, "bench", TOKEN);
    try (Node node = Node.start(config, new OrderProbeRules(3))) {
      List<AccountInfo> accounts = SyntheticAccounts.generate(ListLoader.loadAll(lists, null),
          requests + 5000, 11);
      List<String> bodies = new ArrayList<>();
      for (AccountInfo a : accounts) {
        ObjectNode o = JSON.createObjectNode();
        o.put("org_name", a.orgName).put("parent_org", a.parentOrg).put("email", a.email)
            .put("country", a.country);
        if (a.ownershipPct != null) {
          o.put("ownership_pct", a.ownershipPct);
        }
        bodies.add(JSON.writeValueAsString(o));
      }
      URI uri = URI.create("http://127.0.0.1:" + node.httpPort() + "/api/screen");
      run(uri, bodies.subList(0, 5000), clients); // warm-up
      long t0 = System.nanoTime();
      long[] nanos = run(uri, bodies.subList(5000, 5000 + requests), clients);
      double wall = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT,
          "POST /api/screen: %d requests, %d client(s), %.0f requests/s; latency ms p50 %.2f, p95 %.2f, "
              + "p99 %.2f, max %.2f (load average %.1f)%n",
          requests, clients, requests / wall, pct(nanos, 0.50), pct(nanos, 0.95), pct(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    System.exit(0);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static long[] run(URI uri, List<String> bodies, int clients) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[] out = new long[bodies.size()];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        for (int i = client; i < bodies.size(); i += clients) {
          long t = System.nanoTime();
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
              .header("content-type", "application/json")
              .header("Authorization", "Bearer " + TOKEN)
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
              HttpResponse.BodyHandlers.ofString());
          out[i] = System.nanoTime() - t;
          if (r.statusCode() != 200 && r.statusCode() != 400) {
            throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return out;
  }
}
