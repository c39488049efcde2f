package io.distillwatch.ipintel;

import java.util.Arrays;

/**
 * Sorted IPv4 ranges with an int payload, looked up by binary search. Ranges of a set (payload
 * unused) are merged; ranges of a table keep their payload and, if they overlap, the later start wins.
 */
final class Ipv4Ranges {
  private final long[] starts;
  private final long[] ends;
  private final int[] values;
  /**
   * {@code bucket[p]} is the first index whose start is at or above {@code p << 16}: a lookup searches
   * only the ranges of its /16, a few cache lines instead of ~20 misses over the whole array.
   */
  private final int[] bucket;

  private Ipv4Ranges(long[] starts, long[] ends, int[] values) {
    this.starts = starts;
    this.ends = ends;
    this.values = values;
    this.bucket = new int[65537];
    int i = 0;
    for (int p = 0; p <= 65536; p++) {
      long floor = (long) p << 16;
      while (i < starts.length && starts[i] < floor) {
        i++;
      }
      bucket[p] = i;
    }
  }

  int size() {
    return starts.length;
  }

  /** Payload of the range holding {@code ip}, or -1. */
  int find(long ip) {
    int p = (int) (ip >>> 16);
    int lo = Math.max(0, bucket[p] - 1);
    int hi = bucket[p + 1] - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= ip) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && ip <= ends[found] ? values[found] : -1;
  }

  interface RangeConsumer {
    void accept(long start, long end, int value);
  }

  void forEach(RangeConsumer c) {
    for (int i = 0; i < starts.length; i++) {
      c.accept(starts[i], ends[i], values[i]);
    }
  }

  boolean contains(long ip) {
    return find(ip) >= 0;
  }

  static final class Builder {
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private int[] values = new int[1024];
    private int n;

    Builder add(long start, long end, int value) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      starts[n] = start;
      ends[n] = end;
      values[n] = value;
      n++;
      return this;
    }

    Builder addCidr(long base, int prefix, int value) {
      long size = 1L << (32 - prefix);
      long start = base & ~(size - 1) & 0xFFFF_FFFFL;
      return add(start, start + size - 1, value);
    }

    int size() {
      return n;
    }

    /** A table: sorted by start, payloads kept. */
    Ipv4Ranges buildTable() {
      Integer[] order = sortedOrder();
      long[] s = new long[n];
      long[] e = new long[n];
      int[] v = new int[n];
      for (int i = 0; i < n; i++) {
        s[i] = starts[order[i]];
        e[i] = ends[order[i]];
        v[i] = values[order[i]];
      }
      return new Ipv4Ranges(s, e, v);
    }

    /** A set: sorted and merged; each merged range keeps the payload of its first part. */
    Ipv4Ranges buildSet() {
      Integer[] order = sortedOrder();
      long[] s = new long[n];
      long[] e = new long[n];
      int[] v = new int[n];
      int m = 0;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        if (m > 0 && starts[i] <= e[m - 1] + 1) {
          e[m - 1] = Math.max(e[m - 1], ends[i]);
        } else {
          s[m] = starts[i];
          e[m] = ends[i];
          v[m] = values[i];
          m++;
        }
      }
      return new Ipv4Ranges(Arrays.copyOf(s, m), Arrays.copyOf(e, m), Arrays.copyOf(v, m));
    }

    private Integer[] sortedOrder() {
      Integer[] order = new Integer[n];
      boolean sorted = true;
      for (int i = 0; i < n; i++) {
        order[i] = i;
        if (i > 0 && starts[i] < starts[i - 1]) {
          sorted = false;
        }
      }
      if (!sorted) {
        Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
      }
      return order;
    }
  }
}
