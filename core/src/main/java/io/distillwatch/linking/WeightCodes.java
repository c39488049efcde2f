package io.distillwatch.linking;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The weights a {@link LinkPolicy} can give a shared value, as small codes, so that the linker can
 * keep a pair's strongest value per kind in 4 bits and all kinds in one {@code long}.
 *
 * <p>This is not a quantisation: for each kind the code is the rank of {@code policy.weight(kind, n)}
 * among the distinct weights that kind takes over every holder count {@code n} from 2 to its ceiling
 * (1 = weakest, 0 = absent), and decoding returns that exact {@code double}. A larger code is a larger
 * weight, so "strongest value per kind" is the largest code, and a pair's evidence, combined from the
 * decoded weights ({@link LinkPolicy#combine}), is bit for bit that of the weights themselves. The default policy gives a
 * decaying kind 11 distinct weights (full weight up to 10 holders, {@code 10/n} of it for 11 to 19,
 * half from 20 on) and a strong one a single weight; a policy with more than 15 distinct weights for
 * one kind is refused.
 */
final class WeightCodes {
  static final int BITS = 4;
  static final long MASK = (1L << BITS) - 1;

  private final byte[][] codeByCount;
  private final double[][] weightByCode;

  WeightCodes(LinkPolicy policy) {
    LinkKind[] kinds = LinkKind.values();
    if (kinds.length * BITS > 64) {
      throw new IllegalStateException("too many link kinds for one long: " + kinds.length);
    }
    codeByCount = new byte[kinds.length][];
    weightByCode = new double[kinds.length][];
    for (LinkKind kind : kinds) {
      int max = policy.maxAccounts(kind);
      if (kind.summed()) {
        summedKind(policy, kind, max);
        continue;
      }
      TreeSet<Double> distinct = new TreeSet<>();
      for (int n = 2; n <= max; n++) {
        double w = policy.weight(kind, n);
        if (w > 0) {
          distinct.add(w);
        }
      }
      if (kind == LinkKind.EXIT_POOL) {
        for (double w : policy.exitPoolWeights()) {
          distinct.add(w);
        }
      }
      if (distinct.size() > MASK) {
        throw new IllegalStateException(kind + " takes " + distinct.size() + " distinct weights, at most " + MASK);
      }
      double[] weights = new double[distinct.size() + 1];
      int i = 1;
      for (double w : distinct) {
        weights[i++] = w;
      }
      byte[] codes = new byte[max + 1];
      for (int n = 2; n <= max; n++) {
        double w = policy.weight(kind, n);
        codes[n] = w > 0 ? (byte) Arrays.binarySearch(weights, 1, weights.length, w) : 0;
      }
      codeByCount[kind.ordinal()] = codes;
      weightByCode[kind.ordinal()] = weights;
    }
  }

  /** A summed kind's code is its weight in units of {@link LinkPolicy#SUMMED_UNIT}; codes add up to 15. */
  private void summedKind(LinkPolicy policy, LinkKind kind, int max) {
    byte[] codes = new byte[max + 1];
    for (int n = 2; n <= max; n++) {
      long units = Math.round(policy.weight(kind, n) / LinkPolicy.SUMMED_UNIT);
      if (units > MASK) {
        throw new IllegalStateException(kind + " weighs more than " + MASK + " units");
      }
      codes[n] = (byte) units;
    }
    double[] weights = new double[(int) MASK + 1];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i / 10.0; // LinkPolicy.SUMMED_UNIT, exactly as LinkPolicy.weight writes it
    }
    codeByCount[kind.ordinal()] = codes;
    weightByCode[kind.ordinal()] = weights;
  }

  /** The code of a weight {@code kind} can take (exclusivity-weighted kinds); 0 when it cannot. */
  int codeOfWeight(LinkKind kind, double w) {
    double[] weights = weightByCode[kind.ordinal()];
    int i = Arrays.binarySearch(weights, 1, weights.length, w);
    return i > 0 ? i : 0;
  }

  private static final boolean[] SUMMED = summedKinds();

  private static boolean[] summedKinds() {
    LinkKind[] kinds = LinkKind.values();
    boolean[] s = new boolean[kinds.length];
    for (LinkKind k : kinds) {
      s[k.ordinal()] = k.summed();
    }
    return s;
  }

  /**
   * {@code packed} with a value of kind gained: the stronger code for most kinds ({@link #max}), the
   * sum of codes (at most 15) for a summed kind.
   */
  static long raise(long packed, int kind, int code) {
    if (!SUMMED[kind]) {
      return max(packed, kind, code);
    }
    int shift = kind * BITS;
    long current = (packed >>> shift) & MASK;
    long sum = Math.min(MASK, current + code);
    return (packed & ~(MASK << shift)) | (sum << shift);
  }

  /** The code of a value of {@code kind} held by {@code n} accounts; 0 when it weighs nothing. */
  int code(LinkKind kind, int n) {
    byte[] codes = codeByCount[kind.ordinal()];
    return n >= 0 && n < codes.length ? codes[n] : 0;
  }

  /** The exact weight of a code ({@code 0.0} for 0). */
  double weight(int kind, int code) {
    return weightByCode[kind][code];
  }

  /** {@code packed} with kind's code raised to {@code code} if that is stronger. */
  static long max(long packed, int kind, int code) {
    int shift = kind * BITS;
    long current = (packed >>> shift) & MASK;
    return code > current ? (packed & ~(MASK << shift)) | ((long) code << shift) : packed;
  }

  static int codeOf(long packed, int kind) {
    return (int) ((packed >>> (kind * BITS)) & MASK);
  }

  /** A pair's evidence from its codes: {@link LinkPolicy#combine} of the decoded weights. */
  double sum(long packed) {
    double[] perKind = new double[weightByCode.length];
    for (int k = 0; k < weightByCode.length; k++) {
      perKind[k] = weightByCode[k][codeOf(packed, k)];
    }
    return LinkPolicy.combine(perKind);
  }
}
