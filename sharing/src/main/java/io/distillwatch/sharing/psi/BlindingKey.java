package io.distillwatch.sharing.psi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One party's secret scalar for one PSI session. {@link #fresh()} is the only factory production code
 * uses: a new random scalar per session, so blinded values from two sessions cannot be linked and a
 * peer cannot accumulate answers under one key. {@link #fixedForTestsOnly} exists so tests can
 * recompute what a party should have sent; it must never be reachable from configuration.
 */
public final class BlindingKey {

  private final byte[] scalar;
  private volatile boolean destroyed;

  private BlindingKey(byte[] scalar) {
    this.scalar = scalar;
  }

  /** A fresh uniformly random non-zero scalar. */
  public static BlindingKey fresh() {
    return new BlindingKey(Ristretto255.randomScalar());
  }

  /**
   * FOR TESTS ONLY: a key with a fixed scalar (64 hex digits, canonical, non-zero). A fixed key
   * defeats the unlinkability across sessions that SECURITY.md claims.
   */
  public static BlindingKey fixedForTestsOnly(String scalarHex) {
    byte[] s = HexFormat.of().parseHex(scalarHex);
    byte[] wide = Arrays.copyOf(s, 64);
    if (s.length != Ristretto255.SCALAR_BYTES || !Arrays.equals(Ristretto255.reduce(wide), s)
        || Arrays.equals(s, new byte[Ristretto255.SCALAR_BYTES])) {
      throw new IllegalArgumentException("a test scalar is 32 canonical non-zero bytes");
    }
    return new BlindingKey(s);
  }

  /**
   * {@code scalar · e} for every element, in order, on the workers. Every input element is checked
   * first ({@link Ristretto255#isValidElement}); the whole batch is refused if one is not valid.
   *
   * @throws PsiException {@link PsiException.Reason#INVALID_ELEMENT}
   */
  public Elements apply(Elements in, PsiWorkers workers) {
    if (destroyed) {
      throw new IllegalStateException("blinding key already destroyed");
    }
    Elements.Builder out = new Elements.Builder(in.size());
    int[] bad = {-1};
    workers.forRange(in.size(), (from, to) -> {
      byte[] e = new byte[Elements.SIZE];
      byte[] r = new byte[Elements.SIZE];
      for (int i = from; i < to; i++) {
        in.copyTo(i, e);
        if (!Ristretto255.isValidElement(e) || !Ristretto255.multiply(scalar, e, r)) {
          synchronized (bad) {
            bad[0] = bad[0] < 0 ? i : Math.min(bad[0], i);
          }
          return;
        }
        out.set(i, r);
      }
    });
    if (bad[0] >= 0) {
      throw new PsiException(PsiException.Reason.INVALID_ELEMENT,
          "element " + bad[0] + " is not a valid ristretto255 element (or is the identity)");
    }
    return out.build();
  }

  /** Overwrites the scalar; the key cannot be used afterwards. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(scalar, (byte) 0);
  }
}
