package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A small HyperLogLog distinct counter: {@value #M} one-byte registers (relative error about 6.5%;
 * linear counting below 2.5 x M distinct values, where it is nearly exact). Input must be a well-mixed
 * 64-bit hash.
 */
final class Hll {
  static final int M = 256;
  private static final int P = 8;
  private final byte[] reg = new byte[M];
  /** Running sum of 2^-reg[i] and count of zero registers, kept so that estimate() is O(1). */
  private double sum = M;
  private int zeros = M;

  void add(long hash) {
    int idx = (int) (hash >>> (64 - P));
    long w = hash << P | (1L << (P - 1));
    int rank = Long.numberOfLeadingZeros(w) + 1;
    byte old = reg[idx];
    if (rank > old) {
      sum += 1.0 / (1L << rank) - 1.0 / (1L << old);
      if (old == 0) {
        zeros--;
      }
      reg[idx] = (byte) rank;
    }
  }

  double estimate() {
    double alpha = 0.7213 / (1 + 1.079 / M);
    double e = alpha * M * M / sum;
    if (e <= 2.5 * M && zeros > 0) {
      e = M * Math.log((double) M / zeros);
    }
    return e;
  }

  void write(DataOutput out) throws IOException {
    out.write(reg);
  }

  static Hll read(DataInput in) throws IOException {
    Hll h = new Hll();
    in.readFully(h.reg);
    h.sum = 0;
    h.zeros = 0;
    for (byte r : h.reg) {
      if (r < 0 || r > 64 - P + 1) {
        throw new IOException("corrupt HyperLogLog register " + r);
      }
      h.sum += 1.0 / (1L << r);
      if (r == 0) {
        h.zeros++;
      }
    }
    return h;
  }
}
