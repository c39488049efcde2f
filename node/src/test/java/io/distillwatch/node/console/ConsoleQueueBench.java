package io.distillwatch.node.console;

import io.distillwatch.event.Signal;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test) of the alert queue page: {@code N} accounts in a real PostgreSQL 17 (embedded
 * binaries), each with a verdict and three evidence rows (half of them alerted, one in ten in a cluster of
 * ten), the console served on loopback, {@code A} analysts logged in with their own sessions requesting
 * 50-row queue pages concurrently ({@code R} each, after 10 warm-up requests): the default view, random
 * pages, filters by verdict, signal, cluster and time, other sort orders. Latency is measured by the
 * client per request (the whole HTML page). Args: {@code N A R [jdbc-url user password]}.
 */
public final class ConsoleQueueBench {
  private static final String[] SIGNALS = {
    "volume.requests", "volume.output_tokens", "automation.round_the_clock", "automation.interarrival_regularity",
    "structure.template_concentration", "structure.single_turn", "elicitation.cot", "elicitation.rubric_grading",
    "infra.datacenter_egress", "account.fresh", "elicitation.logprobs", "cluster.member"
  };

  /** {@code -Dbench.path=/api/queue?} measures the JSON instead of the page (to separate rendering from the store). */
  private static final String PATH = System.getProperty("bench.path", "/queue?");

  private ConsoleQueueBench() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int analysts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    EmbeddedPostgres postgres = null;
    StoreConfig config;
    if (args.length > 3) {
      config = new StoreConfig(args[3], args[4], args[5]);
    } else {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
      postgres = EmbeddedPostgres.builder().start();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE bench");
      }
      config = new StoreConfig(postgres.getJdbcUrl("postgres", "bench"), "postgres", "postgres");
    }
    NodeStore.migrate(config);
    long t0 = System.nanoTime();
    seed(config, accounts);
    System.out.printf("seeded %,d accounts in %.1f s%n", accounts, (System.nanoTime() - t0) / 1e9);
    try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, config, ConsoleSettings.defaults(), "bench admin password",
        new PrintStream(PrintStream.nullOutputStream()))) {
      for (int i = 0; i < analysts; i++) {
        server.store().createUser("analyst" + i, "analyst", Passwords.hash("analyst password " + i), "bench");
      }
      storeTimes(server.store(), accounts);
      List<ConsoleClient> clients = new ArrayList<>();
      for (int i = 0; i < analysts; i++) {
        clients.add(new ConsoleClient(server.port()).loggedIn("analyst" + i, "analyst password " + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(analysts);
      List<Future<long[]>> results = new ArrayList<>();
      long cpu0 = cpuNanos();
      long start = System.nanoTime();
      for (int i = 0; i < analysts; i++) {
        ConsoleClient c = clients.get(i);
        long seed = 17L * i;
        results.add(pool.submit(() -> run(c, new Random(seed), accounts, requests)));
      }
      long[] all = new long[0];
      for (Future<long[]> f : results) {
        long[] r = f.get();
        long[] merged = Arrays.copyOf(all, all.length + r.length);
        System.arraycopy(r, 0, merged, all.length, r.length);
        all = merged;
      }
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (cpuNanos() - cpu0) / 1e9;
      pool.shutdown();
      Arrays.sort(all);
      System.out.printf("%d analysts x %d requests (50-row queue pages), %,d accounts: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; "
              + "%.0f pages/s; process CPU %.1f ms/page; load average %.2f%n",
          analysts, requests, accounts, pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), all[all.length - 1] / 1e6,
          all.length / wall, cpu * 1000 / all.length, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    System.exit(0);
  }

  private static long[] run(ConsoleClient c, Random rnd, int accounts, int requests) throws Exception {
    long[] out = new long[requests];
    for (int i = -10; i < requests; i++) {
      String q = switch (rnd.nextInt(7)) {
        case 0 -> "";
        case 1 -> "page=" + rnd.nextInt(100);
        case 2 -> "verdict=distillation&page=" + rnd.nextInt(20);
        case 3 -> "signal=" + SIGNALS[rnd.nextInt(SIGNALS.length)];
        case 4 -> "sort=time&dir=desc&page=" + rnd.nextInt(20);
        case 5 -> "cluster=" + clusterId(rnd.nextInt(accounts / 10) / 10 * 10);
        default -> "from=2026-12-01T00:00&to=2026-12-01T06:00&sort=score";
      };
      long t = System.nanoTime();
      HttpResponse<String> r = c.get(PATH + q);
      long d = System.nanoTime() - t;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("queue answered " + r.statusCode() + " for " + q);
      }
      if (i >= 0) {
        out[i] = d;
      }
    }
    return out;
  }

  /** The store's part alone: median of 20 runs of each query shape, one thread, in this JVM. */
  private static void storeTimes(ConsoleStore store, int accounts) {
    String[] shapes = {"", "page=50", "verdict=distillation&page=10", "signal=elicitation.cot", "sort=time&dir=desc&page=10",
        "cluster=" + clusterId(accounts / 2 / 100 * 100), "from=2026-12-01T00:00&to=2026-12-01T06:00&sort=score"};
    StringBuilder out = new StringBuilder("store.queue alone (median of 20, ms):");
    for (String shape : shapes) {
      java.util.Map<String, String> p = new java.util.HashMap<>();
      for (String kv : shape.split("&")) {
        if (!kv.isEmpty()) {
          p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      ConsoleStore.QueueQuery q = QueueParams.parse(p::get);
      long[] t = new long[20];
      for (int i = -5; i < 20; i++) {
        long s0 = System.nanoTime();
        store.queue(q);
        if (i >= 0) {
          t[i] = System.nanoTime() - s0;
        }
      }
      Arrays.sort(t);
      out.append(String.format(" [%s] %.1f", shape.isEmpty() ? "default" : shape, t[10] / 1e6));
    }
    System.out.println(out);
  }

  private static String clusterId(int firstMember) {
    return String.format("c-%016x", firstMember);
  }

  private static void seed(StoreConfig config, int accounts) throws Exception {
    Random rnd = new Random(42);
    long base = 1_764_547_200_000L; // 2025-12-01T00:00Z
    try (NodeStore history = NodeStore.connect(config); ConsoleStore console = ConsoleStore.connect(config, 1)) {
      List<VerdictChange> batch = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        String id = String.format("acct-%07d", i);
        List<Signal> signals = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
          String s = SIGNALS[rnd.nextInt(SIGNALS.length - 1)];
          if (signals.stream().noneMatch(x -> x.id.equals(s))) {
            signals.add(new Signal(s, rnd.nextDouble() * 100, rnd.nextDouble() * 0.5, "evidence for " + s + " on " + id));
          }
        }
        double score = rnd.nextDouble();
        String verdict = score > 0.8 ? "distillation" : score > 0.5 ? "suspicious" : "benign";
        long at = base + 365L * 24 * 3_600_000L + rnd.nextInt(30 * 24) * 3_600_000L;
        batch.add(new VerdictChange("account", id, "benign", verdict.equals("benign") ? "suspicious" : verdict, score, at,
            VerdictChange.signalsJson(signals), 1));
        if (verdict.equals("benign")) {
          batch.add(new VerdictChange("account", id, "suspicious", "benign", score, at + 1, VerdictChange.signalsJson(signals), 2));
        }
        if (batch.size() >= 2000) {
          history.recordAll(batch, NodeStore.Kind.CHANGES);
          batch.clear();
        }
      }
      history.recordAll(batch, NodeStore.Kind.CHANGES);
      for (int first = 0; first + 10 <= accounts; first += 100) {
        List<String> members = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
          members.add(String.format("acct-%07d", first + m));
        }
        console.addMembers(clusterId(first), members);
      }
    }
    try (Connection c = java.sql.DriverManager.getConnection(config.url(), config.user(), config.password()); Statement st = c.createStatement()) {
      if (config.url().startsWith("jdbc:postgresql")) {
        st.execute("ANALYZE");
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
