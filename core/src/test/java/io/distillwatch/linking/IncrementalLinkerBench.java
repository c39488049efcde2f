package io.distillwatch.linking;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (a main, never a test) of the streaming job's global linking operator: evidence updates
 * per second into one {@link IncrementalLinker}, its heap after a full GC, and the size and time of
 * the snapshot written at every checkpoint.
 *
 * <p>Each account sends its evidence {@code updates} times (as its event count passes 1, 2, 4, …), the
 * key set growing each time; keys per account at the end ≈ {@code keys}. Values are shared as in
 * busy production traffic: cards by small groups, /24s by ~20 accounts, ASNs by hundreds, TLS
 * fingerprints by thousands (too common to link), system prompts and templates by small groups.
 *
 * <pre>java -Xmx4g -cp core/target/test-classes:core/target/classes:$(cat core/target/cp.txt) \
 *   io.distillwatch.linking.IncrementalLinkerBench 1000000 30 5</pre>
 */
public final class IncrementalLinkerBench {
  public static void main(String[] args) throws IOException {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int updates = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    IncrementalLinker linker = new IncrementalLinker(LinkPolicy.defaults());
    long start = System.nanoTime();
    long sent = 0;
    long keysSent = 0;
    int merges = 0;
    for (int round = 1; round <= updates; round++) {
      int upTo = Math.max(1, keys * round / updates);
      for (int a = 0; a < accounts; a++) {
        List<String> k = keysOf(a, upTo, accounts);
        merges += linker.add("acct-" + a, k, k).size();
        sent++;
        keysSent += k.size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.gc();
    long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    CountingStream counter = new CountingStream();
    long snapStart = System.nanoTime();
    try (DataOutputStream out = new DataOutputStream(counter)) {
      linker.writeTo(out);
    }
    double snapSeconds = (System.nanoTime() - snapStart) / 1e9;
    System.out.printf(Locale.ROOT,
        "RESULT accounts %,d, updates %,d (%,d keys), %.1f s: %,.0f updates/s (%,.0f keys/s); merges %,d, clusters %,d; "
            + "heap after GC %,d MB; snapshot %,d MB in %.1f s%n",
        accounts, sent, keysSent, seconds, sent / seconds, keysSent / seconds, merges, linker.clusters(),
        heap >> 20, counter.bytes >> 20, snapSeconds);
  }

  /** The first {@code n} evidence keys of account {@code a}, deterministic. */
  static List<String> keysOf(int a, int n, int accounts) {
    List<String> k = new ArrayList<>(n);
    Random r = new Random(a * 0x9E3779B97F4A7C15L);
    k.add(LinkKind.PAYMENT_FP.key("card-" + (a % 20 < 3 ? "g" + a / 20 : String.valueOf(a + accounts))));
    k.add(LinkKind.IP_PREFIX.key("pfx-" + r.nextInt(Math.max(1, accounts / 20))));
    k.add(LinkKind.ASN.key("AS" + r.nextInt(2000)));
    k.add(LinkKind.TLS_FP.key("tls-" + r.nextInt(50)));
    k.add(LinkKind.SYSTEM_PROMPT.key("sys-" + r.nextInt(Math.max(1, accounts / 4))));
    k.add(LinkKind.CREATION_BURST.key("burst-" + r.nextInt(Math.max(1, accounts / 50))));
    for (int i = k.size(); i < n; i++) {
      // template and co-activity bands: mostly the account's own, a few shared with its neighbours
      LinkKind kind = i % 2 == 0 ? LinkKind.TEMPLATE : LinkKind.COACTIVITY;
      int owner = r.nextInt(10) == 0 ? a / 5 : a + accounts;
      k.add(kind.key(i + ":" + Integer.toHexString(owner * 31 + i)));
    }
    return k.subList(0, Math.min(n, k.size()));
  }

  private static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
