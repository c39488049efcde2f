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
  private transient double cached = -1;

  void add(long hash) {
    int idx = (int) (hash >>> (64 - P));
    long w = hash << P | (1L << (P - 1));
    int rank = Long.numberOfLeadingZeros(w) + 1;
    if (rank > reg[idx]) {
      reg[idx] = (byte) rank;
      cached = -1;
    }
  }

  double estimate() {
    if (cached < 0) {
      cached = compute();
    }
    return cached;
  }

  private double compute() {
    double sum = 0;
    int zeros = 0;
    for (byte r : reg) {
      sum += 1.0 / (1L << r);
      if (r == 0) {
        zeros++;
      }
    }
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
    return h;
  }
}
