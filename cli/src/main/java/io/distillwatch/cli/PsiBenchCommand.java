package io.distillwatch.cli;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import io.distillwatch.node.psi.PsiEndpoint;
import io.distillwatch.node.psi.PsiHttpClient;
import io.distillwatch.node.psi.PsiNodeSettings;
import io.distillwatch.sharing.psi.BlindingKey;
import io.distillwatch.sharing.psi.PsiInitiator;
import io.distillwatch.sharing.psi.PsiItem;
import io.distillwatch.sharing.psi.PsiMode;
import io.distillwatch.sharing.psi.PsiPeers;
import io.distillwatch.sharing.psi.PsiPolicy;
import io.distillwatch.sharing.psi.PsiResult;
import io.distillwatch.sharing.psi.PsiSet;
import io.distillwatch.sharing.psi.PsiWorkers;
import io.distillwatch.sharing.psi.Ristretto255;
import io.distillwatch.sharing.sign.NodeKey;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillwatch psi-bench}: both PSI parties in one JVM over HTTP on loopback, each with its
 * own worker threads; wall time of the exchange and CPU time per party (summed over each party's
 * named threads). A benchmark, never a test.
 */
@Command(name = "psi-bench", mixinStandardHelpOptions = true,
    description = "Benchmark a PSI session between two parties on this machine (HTTP on loopback).")
public final class PsiBenchCommand implements Callable<Integer> {

  @Option(names = "--items", defaultValue = "100000", description = "Items per party (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--overlap", defaultValue = "0.1", description = "Fraction of items both hold (default: ${DEFAULT-VALUE}).")
  double overlap;

  @Option(names = "--mode", defaultValue = "intersect", description = "intersect or count (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--threads", defaultValue = "2", description = "Worker threads per party (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--chunk", defaultValue = "16384", description = "Elements per HTTP message (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(names = "--primitives", description = "Only measure the group operations, per core.")
  boolean primitives;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Override
  public Integer call() throws Exception {
    if (primitives) {
      return primitives();
    }
    PsiMode m = PsiMode.parse(mode);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(Locale.ROOT, "psi-bench: %,d x %,d items, overlap %.2f, mode %s, %d threads per party, chunk %,d, "
        + "%d cores, heap max %,d MB, load average %.2f%n", items, items, overlap, m.wireName(), threads, chunk,
        os.getAvailableProcessors(), Runtime.getRuntime().maxMemory() >> 20, os.getSystemLoadAverage());
    int shared = (int) Math.round(items * overlap);
    NodeKey a = NodeKey.generate("bench-a");
    NodeKey b = NodeKey.generate("bench-b");
    PsiPeers peersOfB = new PsiPeers(List.of(peer(a)));
    PsiPeers peersOfA = new PsiPeers(List.of(peer(b)));
    PsiPolicy policy = PsiPolicy.DEFAULTS.withChunkSize(chunk).withBudget(100, Long.MAX_VALUE);
    PsiNodeSettings settings = new PsiNodeSettings(null, null, null, null,
        Path.of("out/psi-bench/psi-matches-b.jsonl"), policy, threads);
    resetPeaks();

    long t0 = System.nanoTime();
    PsiWorkers serverWorkers = new PsiWorkers("psi-responder", threads);
    PsiSet setB = PsiSet.of(generate("b", items, shared), serverWorkers);
    long t1 = System.nanoTime();
    PsiWorkers clientWorkers = new PsiWorkers("psi-client", threads);
    PsiSet setA = PsiSet.of(generate("a", items, shared), clientWorkers);
    long t2 = System.nanoTime();
    PsiEndpoint endpoint = new PsiEndpoint(setB, b, peersOfB, settings, serverWorkers, System::currentTimeMillis);
    Javalin app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
    endpoint.register(app);
    app.start("127.0.0.1", 0);
    Map<Long, Long> cpuBefore = cpuByThread();
    long cpuProcessBefore = processCpu();
    long t3 = System.nanoTime();
    PsiHttpClient client = new PsiHttpClient(URI.create("http://127.0.0.1:" + app.port() + "/"), a.signingKey(),
        peersOfA, "bench-b", null);
    PsiResult result = client.run(new PsiInitiator(m, setA, BlindingKey.fresh(), policy, clientWorkers));
    long t4 = System.nanoTime();
    Map<String, Double> cpu = cpuByParty(cpuBefore);
    double processCpu = (processCpu() - cpuProcessBefore) / 1e9;
    double exchange = (t4 - t3) / 1e9;
    System.out.printf(Locale.ROOT, "result: %,d shared (expected %,d)%n", result.count(), shared);
    System.out.printf(Locale.ROOT, "hash sets: B %.1f s, A %.1f s (B hashes once per set load, not per session)%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    System.out.printf(Locale.ROOT, "exchange: %.1f s wall; CPU A (initiator) %.1f s, B (responder) %.1f s, other %.1f s,"
        + " process %.1f s%n", exchange, cpu.getOrDefault("A", 0.0), cpu.getOrDefault("B", 0.0),
        cpu.getOrDefault("other", 0.0), processCpu);
    System.out.printf(Locale.ROOT, "peak heap (both parties): %,d MB; load average now %.2f%n", peakHeapMb(),
        os.getSystemLoadAverage());
    app.stop();
    endpoint.close();
    clientWorkers.close();
    return result.count() == shared ? ExitCodes.OK : 1;
  }

  private static PsiPeers.Peer peer(NodeKey k) {
    return new PsiPeers.Peer(k.name(), k.signingKey().keyId(), k.signingKey().publicKey());
  }

  /** {@code shared} items both hold, then items only this side holds; kinds rotate ip, email, account. */
  static List<PsiItem> generate(String side, int n, int shared) {
    List<PsiItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String tag = i < shared ? "s" : side;
      long v = i < shared ? i : i + (side.equals("a") ? 0L : 1L << 32);
      out.add(switch (i % 3) {
        case 0 -> PsiItem.of("ip", (tag.equals("s") ? 10 : tag.equals("a") ? 11 : 12) + "." + ((i >> 16) & 255) + "."
            + ((i >> 8) & 255) + "." + (i & 255));
        case 1 -> PsiItem.of("email", "user" + v + "@" + tag + ".example");
        default -> PsiItem.of("account", tag + "-acct-" + v);
      });
    }
    return out;
  }

  private static Map<Long, Long> cpuByThread() {
    Map<Long, Long> m = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      m.put(id, THREADS.getThreadCpuTime(id));
    }
    return m;
  }

  private static Map<String, Double> cpuByParty(Map<Long, Long> before) {
    Map<String, Double> parties = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      ThreadInfo info = THREADS.getThreadInfo(id);
      long now = THREADS.getThreadCpuTime(id);
      if (info == null || now < 0) {
        continue;
      }
      String name = info.getThreadName();
      String party = name.startsWith("psi-client") || name.equals("main") || name.startsWith("HttpClient") ? "A"
          : name.startsWith("psi-responder") || name.startsWith("psi-precompute") || name.startsWith("JettyServerThreadPool")
              || name.startsWith("qtp") ? "B" : "other";
      parties.merge(party, (now - before.getOrDefault(id, 0L)) / 1e9, Double::sum);
    }
    return parties;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  /** Group operations per second of one thread's CPU time. */
  private static int primitives() {
    int n = 20_000;
    SodiumJava sodium = new SodiumJava(LibraryLoader.Mode.PREFER_BUNDLED);
    byte[] scalar = new byte[32];
    sodium.crypto_core_ristretto255_scalar_random(scalar);
    byte[] point = new byte[32];
    sodium.crypto_core_ristretto255_random(point);
    byte[] out = new byte[32];
    byte[] msg = new byte[16];
    for (int round = 0; round < 3; round++) {
      double mult = rate(n, i -> sodium.crypto_scalarmult_ristretto255(out, scalar, point));
      double valid = rate(n, i -> sodium.crypto_core_ristretto255_is_valid_point(point));
      double hash = rate(n, i -> {
        msg[0] = (byte) i;
        msg[1] = (byte) (i >> 8);
        Ristretto255.hashToGroup(msg);
      });
      double x25519 = rate(n, i -> sodium.crypto_scalarmult(out, scalar, point));
      System.out.printf(Locale.ROOT, "per core (thread CPU time): ristretto255 scalarmult %,.0f/s, is_valid_point %,.0f/s,"
          + " hash-to-group (SHA-512 + from_hash) %,.0f/s; for comparison X25519 %,.0f/s%n", mult, valid, hash, x25519);
    }
    System.out.printf(Locale.ROOT, "load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return ExitCodes.OK;
  }

  private interface Op {
    void run(int i);
  }

  private static double rate(int n, Op op) {
    long t = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      op.run(i);
    }
    return n / ((THREADS.getCurrentThreadCpuTime() - t) / 1e9);
  }
}
