package io.distillwatch.ipintel;

import io.distillwatch.util.SharedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Quick benchmark (no JMH): load time of an {@code --ipintel} directory and lookups/s on random
 * IPv4 addresses (and IPv6). Run (see docs/bench/ingest.md):
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:$(cat core/target/cp.txt) io.distillwatch.ipintel.IpIntelBench [DIR]
 * </pre>
 */
public final class IpIntelBench {
  private IpIntelBench() {}

  public static void main(String[] args) {
    Path dir = args.length > 0 ? Path.of(args[0]) : SharedData.locate("ipintel").orElseThrow(
        () -> new IllegalStateException(SharedData.missingMessage()));
    Runtime rt = Runtime.getRuntime();
    for (int round = 0; round < 3; round++) {
      System.gc();
      long before = rt.totalMemory() - rt.freeMemory();
      long t0 = System.nanoTime();
      LoadedIpIntel intel = IpIntelLoader.load(dir);
      long t1 = System.nanoTime();
      System.gc();
      long after = rt.totalMemory() - rt.freeMemory();
      System.out.printf(Locale.ROOT, "load %s: %.2f s, ~%d MB retained, categories %s%n", dir, (t1 - t0) / 1e9,
          (after - before) >> 20, intel.available());
      if (round == 0) {
        intel.sources().forEach(s -> System.out.println("  " + s));
      }
      int n = 2_000_000;
      String[] v4 = new String[4096];
      String[] v6 = new String[4096];
      Random rnd = new Random(7);
      for (int i = 0; i < v4.length; i++) {
        v4[i] = (1 + rnd.nextInt(223)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        v6[i] = String.format(Locale.ROOT, "2001:%x:%x::%x", rnd.nextInt(0x10000), rnd.nextInt(0x10000), rnd.nextInt(0x10000));
      }
      long hits = 0;
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        hits += intel.lookup(v4[i & 4095]).categories().size();
      }
      long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        hits += intel.lookup(v6[i & 4095]).categories().size();
      }
      long t4 = System.nanoTime();
      System.out.printf(Locale.ROOT, "lookups: IPv4 %,.0f/s, IPv6 %,.0f/s (%d)%n", n / ((t3 - t2) / 1e9), n / ((t4 - t3) / 1e9), hits % 10);
    }
  }
}
