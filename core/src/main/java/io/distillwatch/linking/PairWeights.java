package io.distillwatch.linking;

/**
 * The weights a pair of accounts has gathered, one per weak kind (all kinds but payment fingerprints
 * and templates, which link on their own), packed into one long: 7 kinds × 9 bits, each weight kept
 * to the nearest 1/500. Sums are then exact to within 7/1000, which {@link #TOLERANCE} absorbs; the
 * default weights (0.35, 0.5, 0.15, …) are exact multiples of 1/500.
 */
final class PairWeights {
  static final double TOLERANCE = 7.0 / 1000;
  private static final int BITS = 9;
  private static final long MASK = (1L << BITS) - 1;
  private static final double SCALE = 500;
  private static final int[] SLOT = new int[LinkKind.values().length];

  static {
    int next = 0;
    for (LinkKind k : LinkKind.values()) {
      SLOT[k.ordinal()] = k == LinkKind.PAYMENT_FP || k == LinkKind.TEMPLATE ? -1 : next++;
    }
  }

  private PairWeights() {}

  /** {@code packed} with {@code kind}'s weight raised to {@code w} if higher. */
  static long raise(long packed, LinkKind kind, double w) {
    int slot = SLOT[kind.ordinal()];
    if (slot < 0) {
      throw new IllegalArgumentException(kind.code() + " links on its own and has no pair weight");
    }
    long q = Math.min(MASK, Math.round(Math.max(0, w) * SCALE));
    int shift = slot * BITS;
    long current = (packed >>> shift) & MASK;
    return q <= current ? packed : (packed & ~(MASK << shift)) | (q << shift);
  }

  /** The sum of the pair's weights. */
  static double sum(long packed) {
    long total = 0;
    for (int shift = 0; shift < 63; shift += BITS) {
      total += (packed >>> shift) & MASK;
    }
    return total / SCALE;
  }
}
