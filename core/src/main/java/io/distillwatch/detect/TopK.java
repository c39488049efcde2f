package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Space-Saving heavy hitters (Metwally et al. 2005) over 64-bit template keys, with one short example
 * skeleton per tracked key once the key has been seen twice (single-use keys keep none, which keeps
 * light accounts small). Capacity {@code k} fixed at creation; counts overestimate by at most
 * {@code error(i)}, so {@code count(i) - error(i)} is a guaranteed lower bound used in evidence.
 */
final class TopK {
  /** Longest example kept per key, in chars. */
  static final int EXAMPLE_CHARS = 72;

  private long[] keys;
  private int[] counts;
  private int[] errors;
  private String[] examples;
  private int size;
  private final int capacity;

  TopK(int capacity) {
    this.capacity = capacity;
    this.keys = new long[Math.min(4, capacity)];
    this.counts = new int[keys.length];
    this.errors = new int[keys.length];
    this.examples = new String[keys.length];
  }

  int size() {
    return size;
  }

  int capacity() {
    return capacity;
  }

  /**
   * Counts {@code key}; returns its slot. A slot's example is null until its key repeats: callers set
   * it when {@link #wantsExample(int)}.
   */
  int offer(long key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        counts[i]++;
        return i;
      }
    }
    if (size < capacity) {
      if (size == keys.length) {
        int n = Math.min(capacity, keys.length * 2);
        keys = java.util.Arrays.copyOf(keys, n);
        counts = java.util.Arrays.copyOf(counts, n);
        errors = java.util.Arrays.copyOf(errors, n);
        examples = java.util.Arrays.copyOf(examples, n);
      }
      int i = size++;
      keys[i] = key;
      counts[i] = 1;
      errors[i] = 0;
      examples[i] = null;
      return i;
    }
    int min = 0;
    for (int i = 1; i < size; i++) {
      if (counts[i] < counts[min]) {
        min = i;
      }
    }
    keys[min] = key;
    errors[min] = counts[min];
    counts[min]++;
    examples[min] = null;
    return min;
  }

  long key(int i) {
    return keys[i];
  }

  int count(int i) {
    return counts[i];
  }

  int error(int i) {
    return errors[i];
  }

  /** Guaranteed count: {@code count - error}. */
  int guaranteed(int i) {
    return counts[i] - errors[i];
  }

  String example(int i) {
    return examples[i];
  }

  /**
   * True when slot {@code i} has no example yet and its key has certainly been seen twice (guaranteed
   * count, so a slot freshly taken over from an evicted key does not qualify).
   */
  boolean wantsExample(int i) {
    return examples[i] == null && counts[i] - errors[i] >= 2;
  }

  void example(int i, String example) {
    examples[i] = example;
  }

  /** Slots ordered by guaranteed count, highest first. */
  int[] order() {
    Integer[] idx = new Integer[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Integer.compare(guaranteed(b), guaranteed(a)));
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** Sum of the guaranteed counts of the 3 largest entries (no allocation). */
  long topGuaranteed(int n) {
    if (n != 3) {
      int[] o = order();
      long s = 0;
      for (int i = 0; i < Math.min(n, o.length); i++) {
        s += guaranteed(o[i]);
      }
      return s;
    }
    int a = 0;
    int b = 0;
    int c = 0;
    for (int i = 0; i < size; i++) {
      int g = guaranteed(i);
      if (g > a) {
        c = b;
        b = a;
        a = g;
      } else if (g > b) {
        c = b;
        b = g;
      } else if (g > c) {
        c = g;
      }
    }
    return (long) a + b + c;
  }

  void write(DataOutput out) throws IOException {
    out.writeShort(capacity);
    out.writeShort(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(keys[i]);
      out.writeInt(counts[i]);
      out.writeInt(errors[i]);
      Codec.writeString(out, examples[i]);
    }
  }

  static TopK read(DataInput in) throws IOException {
    int capacity = in.readUnsignedShort();
    int size = in.readUnsignedShort();
    if (size > capacity || capacity == 0) {
      throw new IOException("corrupt top-k: size " + size + " capacity " + capacity);
    }
    TopK t = new TopK(capacity);
    t.keys = new long[Math.max(size, t.keys.length)];
    t.counts = new int[t.keys.length];
    t.errors = new int[t.keys.length];
    t.examples = new String[t.keys.length];
    for (int i = 0; i < size; i++) {
      t.keys[i] = in.readLong();
      t.counts[i] = in.readInt();
      t.errors[i] = in.readInt();
      t.examples[i] = Codec.readString(in);
    }
    t.size = size;
    return t;
  }
}
