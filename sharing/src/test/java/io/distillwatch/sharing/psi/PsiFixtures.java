package io.distillwatch.sharing.psi;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded sets with a known overlap, and an in-memory courier that runs a whole session. */
final class PsiFixtures {

  static final PsiPolicy POLICY = PsiPolicy.DEFAULTS.withMinSetSize(10).withChunkSize(64);
  static final String ALPHA = "0b" + "11".repeat(30) + "01";
  static final String BETA = "0c" + "22".repeat(30) + "02";

  private PsiFixtures() {}

  /** {@code only} items unique to this side (tagged {@code side}) plus the shared items. */
  static List<PsiItem> set(String side, int only, List<PsiItem> shared, long seed) {
    Random r = new Random(seed);
    List<PsiItem> items = new ArrayList<>(shared);
    for (int i = 0; i < only; i++) {
      items.add(PsiItem.of("account", side + "-acct-" + Long.toHexString(r.nextLong())));
    }
    java.util.Collections.shuffle(items, r);
    return items;
  }

  static List<PsiItem> shared(int n, long seed) {
    Random r = new Random(seed);
    List<PsiItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(PsiItem.of("ip", "198.51." + r.nextInt(256) + "." + i % 256));
    }
    return List.copyOf(new java.util.LinkedHashSet<>(items));
  }

  /** What both sides saw of a session run by {@link #run}. */
  record Transcript(List<PsiChunk> toResponder, List<PsiChunk> toInitiator, PsiResult initiator, PsiResult responder) {}

  /** Carries every message between the two parties in protocol order. */
  static Transcript run(PsiInitiator a, PsiResponder b) {
    List<PsiChunk> toB = new ArrayList<>();
    List<PsiChunk> toA = new ArrayList<>();
    a.onAccepted(b.accepted());
    for (int i = 0; i < a.clientChunks(); i++) {
      PsiChunk x = a.clientBlinded(i);
      toB.add(x);
      b.onClientBlinded(x).ifPresent(c -> {
        toA.add(c);
        a.onClientDoubleBlinded(c);
      });
    }
    for (int j = 0; j < a.serverChunks(); j++) {
      PsiChunk y = b.serverBlinded(j);
      toA.add(y);
      a.onServerBlinded(y);
    }
    if (b.mode() == PsiMode.COUNT) {
      for (int i = 0; i < a.clientChunks(); i++) {
        PsiChunk c = b.clientDoubleBlindedShuffled(i);
        toA.add(c);
        a.onClientDoubleBlinded(c);
      }
    }
    PsiResult ra = a.result();
    PsiMessages.Finished finished = null;
    for (int j = 0; j < a.serverChunks(); j++) {
      PsiChunk y2 = a.serverDoubleBlinded(j);
      toB.add(y2);
      finished = b.onServerDoubleBlinded(y2).orElse(null);
    }
    a.onFinished(finished);
    return new Transcript(toB, toA, ra, b.result().orElseThrow());
  }
}
