package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A list of 32-byte group elements in one flat array (1M elements = 32 MiB, no per-element objects).
 * Immutable once built; {@link #shuffled} and {@link #slice} return new lists.
 */
public final class Elements {

  static final int SIZE = Ristretto255.ELEMENT_BYTES;

  private final byte[] bytes;

  private Elements(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps {@code bytes} (a multiple of 32 long) without copying: the caller hands it over. */
  static Elements wrap(byte[] bytes) {
    if (bytes.length % SIZE != 0) {
      throw new IllegalArgumentException("element bytes must be a multiple of " + SIZE);
    }
    return new Elements(bytes);
  }

  /** A copy of {@code bytes} as elements. */
  public static Elements copyOf(byte[] bytes) {
    return wrap(bytes.clone());
  }

  public int size() {
    return bytes.length / SIZE;
  }

  /** A copy of element {@code i}. */
  public byte[] get(int i) {
    return Arrays.copyOfRange(bytes, i * SIZE, (i + 1) * SIZE);
  }

  void copyTo(int i, byte[] dst) {
    System.arraycopy(bytes, i * SIZE, dst, 0, SIZE);
  }

  /** The raw concatenation, for the wire codec only. */
  byte[] rawBytes() {
    return bytes;
  }

  /** Elements {@code [from, to)}. */
  public Elements slice(int from, int to) {
    return new Elements(Arrays.copyOfRange(bytes, from * SIZE, to * SIZE));
  }

  /** The same elements in the order {@code order} gives: element k of the result is {@code get(order[k])}. */
  Elements permuted(int[] order) {
    byte[] out = new byte[order.length * SIZE];
    for (int k = 0; k < order.length; k++) {
      System.arraycopy(bytes, order[k] * SIZE, out, k * SIZE, SIZE);
    }
    return new Elements(out);
  }

  /** The same elements in a fresh uniformly random order. */
  Elements shuffled(SecureRandom random) {
    return permuted(Permutations.random(size(), random));
  }

  /** The first element that is not a valid non-identity group element, or -1 (checked on the workers). */
  int firstInvalid(PsiWorkers workers) {
    java.util.concurrent.atomic.AtomicInteger first = new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
    workers.forRange(size(), (from, to) -> {
      byte[] one = new byte[SIZE];
      for (int i = from; i < to; i++) {
        copyTo(i, one);
        if (!Ristretto255.isValidElement(one)) {
          first.accumulateAndGet(i, Math::min);
          return;
        }
      }
    });
    return first.get() == Integer.MAX_VALUE ? -1 : first.get();
  }

  /** Builder of a list of known size, filled by index (thread-safe for distinct indices). */
  static final class Builder {
    private final byte[] bytes;

    Builder(int size) {
      this.bytes = new byte[Math.multiplyExact(size, SIZE)];
    }

    void set(int i, byte[] element) {
      System.arraycopy(element, 0, bytes, i * SIZE, SIZE);
    }

    Elements build() {
      return new Elements(bytes);
    }
  }
}
