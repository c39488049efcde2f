package io.distillwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.scan.ScanRunner;
import io.distillwatch.linking.AccountEvidence;
import io.distillwatch.linking.LinkKind;
import io.distillwatch.linking.LinkPolicy;
import io.distillwatch.linking.LinkedCluster;
import io.distillwatch.linking.Linker;
import io.distillwatch.sample.BenchTraffic;
import io.distillwatch.scan.ScanRequest;
import io.distillwatch.scan.ScanSummary;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillwatch bench scan}: end-to-end scan speed over generated events, next to the cost of
 * merely parsing the same file with Jackson in the same JVM. A benchmark, never a test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark scan end to end against plain Jackson parsing of the same file.")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "1000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--accounts", defaultValue = "20000", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--dir", defaultValue = "out/bench", description = "Work folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--parallelism", defaultValue = "2")
  int parallelism;

  @Option(names = "--no-linking", description = "Scan without linking accounts into clusters.")
  boolean noLinking;

  @Option(names = "--linker", description = "Benchmark the linker alone on synthetic evidence instead of scan.")
  boolean linker;

  @Option(names = "--keys-per-account", defaultValue = "50",
      description = "With --linker: evidence records per account (default: ${DEFAULT-VALUE}).")
  int keysPerAccount;

  @Override
  public Integer call() throws Exception {
    if (linker) {
      return benchLinker();
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("bench-" + events + "-" + accounts + ".jsonl");
    if (!Files.exists(file)) {
      BenchTraffic.write(file, events, accounts, 1);
    }
    double parseSeconds = jacksonParse(file);
    ScanRequest request = new ScanRequest();
    request.events = List.of(file.toString());
    request.out = dir.resolve("scan-out").toString();
    request.parallelism = parallelism;
    request.linking = !noLinking;
    Runtime rt = Runtime.getRuntime();
    double loadBefore = loadAverage();
    long cpuBefore = processCpuNanos();
    ScanSummary s = new ScanRunner(request).run().summary();
    double scanCpu = (processCpuNanos() - cpuBefore) / 1e9;
    double loadAfter = loadAverage();
    System.gc();
    long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    double scanRate = s.records / s.elapsedSeconds;
    double parseRate = s.records / parseSeconds;
    System.out.printf(Locale.ROOT,
        "events %,d accounts %,d linking %s parallelism %d heap max %,d MB%n"
            + "jackson readTree: %.1f s, %,.0f lines/s%n"
            + "scan end to end:  %.1f s, %,.0f events/s (%.2f of parse speed), %d flagged, %d clusters, heap after %,d MB%n"
            + "scan CPU (whole JVM): %.1f s, %.1f us/event; load average %.1f before, %.1f after (2 cores here: other work slows wall time)%n",
        s.records, s.accounts, request.linking, parallelism, rt.maxMemory() >> 20, parseSeconds, parseRate,
        s.elapsedSeconds, scanRate, scanRate / parseRate, s.flaggedDistillation, s.clusters, usedMb,
        scanCpu, scanCpu * 1e6 / Math.max(1, s.records), loadBefore, loadAfter);
    return ExitCodes.OK;
  }

  /**
   * Synthetic evidence shaped like a provider's: cards shared by 3 accounts, /24s by ~5, ASNs by ~200,
   * a few client fingerprints shared by everyone, and one campaign (1% of accounts) on one template.
   */
  private int benchLinker() {
    java.util.Random random = new java.util.Random(3);
    Linker l = new Linker(LinkPolicy.defaults());
    Runtime rt = Runtime.getRuntime();
    long start = System.nanoTime();
    long records = 0;
    for (int a = 0; a < accounts; a++) {
      java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
      keys.put(LinkKind.PAYMENT_FP.key("pm-" + a / 3), "");
      keys.put(LinkKind.TLS_FP.key("tls-" + random.nextInt(8)), "");
      keys.put(LinkKind.ASN.key(String.valueOf(64_000 + random.nextInt(Math.max(1, accounts / 200)))), "");
      if (a % 100 == 0) {
        keys.put(LinkKind.TEMPLATE.key("0:campaign"), "");
      }
      while (keys.size() < keysPerAccount) {
        int kind = random.nextInt(3);
        if (kind == 0) {
          keys.put(LinkKind.IP_PREFIX.key("10." + random.nextInt(Math.max(1, accounts / 5)) + ".0/24"), "");
        } else if (kind == 1) {
          keys.put(LinkKind.COACTIVITY.key(random.nextInt(8) + ":" + random.nextInt(Math.max(1, accounts))), "");
        } else {
          keys.put(LinkKind.TEMPLATE.key(random.nextInt(8) + ":" + random.nextInt(accounts * 4)), "");
        }
      }
      records += keys.size();
      l.add(new AccountEvidence("acct-" + a, keys));
    }
    double indexed = (System.nanoTime() - start) / 1e9;
    System.gc();
    long heapIndexed = (rt.totalMemory() - rt.freeMemory()) >> 20;
    long linkStart = System.nanoTime();
    java.util.List<LinkedCluster> clusters = l.link();
    double linked = (System.nanoTime() - linkStart) / 1e9;
    long[] values = l.indexedValues();
    System.out.printf(Locale.ROOT,
        "linker: %,d accounts, %,d evidence records, %,d distinct values (%,d held by 2+ accounts): index %.1f s, link %.1f s, %,d clusters (largest %,d), heap after indexing %,d MB, peak %,d MB (max %,d MB)%n",
        accounts, records, values[0], values[1], indexed, linked, clusters.size(),
        clusters.isEmpty() ? 0 : clusters.get(0).accounts().size(), heapIndexed, peakHeapMb(), rt.maxMemory() >> 20);
    return ExitCodes.OK;
  }

  /** Sum of the heap pools' peak usage since start (an upper bound of the peak heap; the GC log has the exact one). */
  private static long peakHeapMb() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  /** CPU time of this JVM (all threads), or 0 where the platform does not report it. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double jacksonParse(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long start = System.nanoTime();
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (json.readTree(line).has("account")) {
          n++;
        }
      }
    }
    if (n == 0) {
      throw new IllegalStateException("no events parsed");
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
