package io.distillwatch.sharing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.sharing.crossref.BlindingKeys;
import io.distillwatch.sharing.crossref.CrossrefIndicators;
import io.distillwatch.sharing.crossref.DisclosurePolicy;
import io.distillwatch.sharing.crossref.Identifier;
import io.distillwatch.sharing.crossref.IntelBook;
import io.distillwatch.sharing.crossref.KeyedSketches;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.Tlp;
import io.distillwatch.template.TemplateSketcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cross-referencing benchmark (not a test; docs/benchmarks.md): blinding and keyed-sketching
 * throughput on one thread, and matching {@code indicators} pulled blinded payment indicators against
 * {@code accounts} local accounts (blind each account's card under the book's key, hash lookup).
 * Usage: {@code CrossrefBench [indicators] [accounts]}, defaults 100000 and 1000000.
 */
public final class CrossrefBench {
  public static void main(String[] args) throws Exception {
    int indicators = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    BlindingKeys keys = BlindingKeys.generate();

    int n = 300_000;
    for (int round = 0; round < 2; round++) { // the first round warms up
      long t = System.nanoTime();
      long sink = 0;
      for (int i = 0; i < n; i++) {
        sink += DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_" + i, keys).hex().charAt(3);
      }
      report(round, "blinding (HMAC-SHA-256 via Tink, payment fingerprints)", n, t, sink);
    }
    String[] prompts = new String[20_000];
    for (int i = 0; i < prompts.length; i++) {
      prompts[i] = "You are grading answer " + i + ". Solve the following problem step by step and show your reasoning"
          + " in detail, then give the final answer for variant " + Integer.toHexString(i * 7919) + " of topic " + (i % 97);
    }
    TemplateSketcher keyed = KeyedSketches.sketcher(keys);
    TemplateSketcher plain = TemplateSketcher.unkeyed();
    for (int round = 0; round < 2; round++) {
      long t = System.nanoTime();
      long sink = 0;
      for (String p : prompts) {
        sink += keyed.sketch(p).values()[0];
      }
      report(round, "keyed template sketch (64 bins, normalise + HMAC per bin)", prompts.length, t, sink);
      t = System.nanoTime();
      for (String p : prompts) {
        sink += plain.sketch(p).values()[0];
      }
      report(round, "unkeyed template sketch (local, for comparison)", prompts.length, t, sink);
    }

    StixFactory other = new StixFactory(new StixIds(new byte[32]), Tlp.AMBER);
    CrossrefIndicators ci = new CrossrefIndicators(other);
    Instant now = Instant.now();
    long t = System.nanoTime();
    List<JsonNode> pulled = new ArrayList<>(indicators);
    for (int i = 0; i < indicators; i++) {
      // every 10th pulled card is one of ours
      String card = i % 10 == 0 ? "pm_" + (i * 7L % accounts) : "pm_elsewhere_" + i;
      pulled.add(ci.blinded(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, card, keys), now, now));
    }
    IntelBook book = IntelBook.of(pulled, Set.of());
    System.out.printf("book of %,d pulled indicators built in %.1f s (heap used %,d MB)%n", book.size(),
        (System.nanoTime() - t) / 1e9, used());
    pulled = null;
    t = System.nanoTime();
    int matched = 0;
    for (int a = 0; a < accounts; a++) {
      String hex = DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_" + a, keys).hex();
      if (book.lookup(Identifier.PAYMENT_FINGERPRINT, keys.primaryId(), hex) != null) {
        matched++;
      }
    }
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf("matched %,d local accounts against %,d indicators in %.1f s (%,.0f accounts/s), %,d matches%n",
        accounts, indicators, s, accounts / s, matched);
  }

  private static void report(int round, String what, int n, long t, long sink) {
    double s = (System.nanoTime() - t) / 1e9;
    if (round > 0) {
      System.out.printf("%s: %,.0f per second (%,d in %.2f s) [%d]%n", what, n / s, n, s, sink & 1);
    }
  }

  private static long used() {
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) >> 20;
  }
}
