package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A small distinct counter: exact (a sorted list of up to {@value #SPARSE_MAX} 64-bit hashes) while
 * small, then a HyperLogLog of {@value #M} one-byte registers (relative error about 6.5%; linear
 * counting below 2.5 x M distinct values, where it is nearly exact). Input must be a well-mixed
 * 64-bit hash. Light accounts thus pay a few dozen bytes, heavy ones 256.
 */
final class Hll {
  static final int M = 256;
  static final int SPARSE_MAX = 24;
  private static final int P = 8;

  private long[] sparse = new long[0];
  private byte[] reg;
  /** Running sum of 2^-reg[i] and count of zero registers, kept so that estimate() is O(1). */
  private double sum = M;
  private int zeros = M;

  void add(long hash) {
    if (reg == null) {
      int at = Arrays.binarySearch(sparse, hash);
      if (at >= 0) {
        return;
      }
      if (sparse.length < SPARSE_MAX) {
        int pos = -at - 1;
        long[] s = new long[sparse.length + 1];
        System.arraycopy(sparse, 0, s, 0, pos);
        s[pos] = hash;
        System.arraycopy(sparse, pos, s, pos + 1, sparse.length - pos);
        sparse = s;
        return;
      }
      reg = new byte[M];
      for (long h : sparse) {
        addToRegisters(h);
      }
      sparse = null;
    }
    addToRegisters(hash);
  }

  /** True once the counter keeps registers only: from then on a value's {@link #register} is all it needs. */
  boolean approximate() {
    return reg != null;
  }

  /** The register a hash updates and the rank it offers: {@code index << 8 | rank}. */
  static int register(long hash) {
    int idx = (int) (hash >>> (64 - P));
    long w = hash << P | (1L << (P - 1));
    return idx << 8 | (Long.numberOfLeadingZeros(w) + 1);
  }

  /** Adds a value by its {@link #register} (read back from elsewhere); only once {@link #approximate}. */
  void addRegister(int code) {
    if (reg == null) {
      throw new IllegalStateException("an exact distinct counter needs the value's hash, not its register");
    }
    if ((code >>> 8) >= M || (code & 0xff) < 1 || (code & 0xff) > 64 - P + 1) {
      throw new IllegalArgumentException("not a register code: " + code);
    }
    addToRegisters(code);
  }

  private void addToRegisters(long hash) {
    addToRegisters(register(hash));
  }

  private void addToRegisters(int code) {
    int idx = code >>> 8;
    int rank = code & 0xff;
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
    if (reg == null) {
      return sparse.length;
    }
    double alpha = 0.7213 / (1 + 1.079 / M);
    double e = alpha * M * M / sum;
    if (e <= 2.5 * M && zeros > 0) {
      e = M * Math.log((double) M / zeros);
    }
    return e;
  }

  void write(DataOutput out) throws IOException {
    if (reg == null) {
      out.writeByte(0);
      out.writeByte(sparse.length);
      for (long h : sparse) {
        out.writeLong(h);
      }
    } else {
      out.writeByte(1);
      out.write(reg);
    }
  }

  static Hll read(DataInput in) throws IOException {
    Hll h = new Hll();
    int mode = in.readUnsignedByte();
    if (mode == 0) {
      int n = in.readUnsignedByte();
      if (n > SPARSE_MAX) {
        throw new IOException("corrupt distinct counter: " + n + " sparse entries");
      }
      h.sparse = new long[n];
      for (int i = 0; i < n; i++) {
        h.sparse[i] = in.readLong();
        if (i > 0 && h.sparse[i] <= h.sparse[i - 1]) {
          throw new IOException("corrupt distinct counter: unsorted sparse entries");
        }
      }
      return h;
    }
    if (mode != 1) {
      throw new IOException("corrupt distinct counter mode " + mode);
    }
    h.sparse = null;
    h.reg = new byte[M];
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
