package io.distillwatch.ipintel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorted, merged IPv6 ranges (128-bit values as two longs compared unsigned) with an int payload. */
final class Ipv6Ranges {
  private final long[] startHi;
  private final long[] startLo;
  private final long[] endHi;
  private final long[] endLo;
  private final int[] values;

  private Ipv6Ranges(long[] startHi, long[] startLo, long[] endHi, long[] endLo, int[] values) {
    this.startHi = startHi;
    this.startLo = startLo;
    this.endHi = endHi;
    this.endLo = endLo;
    this.values = values;
  }

  int size() {
    return values.length;
  }

  static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  /** Payload of the range holding the address, or -1. */
  int find(long hi, long lo) {
    int a = 0;
    int b = values.length - 1;
    int found = -1;
    while (a <= b) {
      int mid = (a + b) >>> 1;
      if (compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
        found = mid;
        a = mid + 1;
      } else {
        b = mid - 1;
      }
    }
    return found >= 0 && compare(hi, lo, endHi[found], endLo[found]) <= 0 ? values[found] : -1;
  }

  static final class Builder {
    private final List<long[]> ranges = new ArrayList<>(); // {startHi, startLo, endHi, endLo, value}

    Builder add(long sHi, long sLo, long eHi, long eLo, int value) {
      ranges.add(new long[] {sHi, sLo, eHi, eLo, value});
      return this;
    }

    Builder addCidr(long[] base, int prefix, int value) {
      long sHi;
      long sLo;
      long eHi;
      long eLo;
      if (prefix <= 64) {
        long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
        sHi = base[0] & mask;
        eHi = sHi | ~mask;
        sLo = 0;
        eLo = -1L;
      } else {
        long mask = prefix == 128 ? -1L : -1L << (128 - prefix);
        sHi = base[0];
        eHi = base[0];
        sLo = base[1] & mask;
        eLo = sLo | ~mask;
      }
      return add(sHi, sLo, eHi, eLo, value);
    }

    int size() {
      return ranges.size();
    }

    Ipv6Ranges build(boolean merge) {
      ranges.sort(Comparator.<long[]>comparingLong(r -> r[0] ^ Long.MIN_VALUE).thenComparingLong(r -> r[1] ^ Long.MIN_VALUE));
      List<long[]> out = new ArrayList<>();
      for (long[] r : ranges) {
        if (merge && !out.isEmpty()) {
          long[] last = out.get(out.size() - 1);
          boolean adjacentOrOverlap = compare(r[0], r[1], last[2], last[3]) <= 0
              || (last[3] == -1L ? r[0] == last[2] + 1 && r[1] == 0 : r[0] == last[2] && r[1] == last[3] + 1);
          if (adjacentOrOverlap) {
            if (compare(r[2], r[3], last[2], last[3]) > 0) {
              last[2] = r[2];
              last[3] = r[3];
            }
            continue;
          }
        }
        out.add(r.clone());
      }
      int n = out.size();
      long[] sh = new long[n];
      long[] sl = new long[n];
      long[] eh = new long[n];
      long[] el = new long[n];
      int[] v = new int[n];
      for (int i = 0; i < n; i++) {
        long[] r = out.get(i);
        sh[i] = r[0];
        sl[i] = r[1];
        eh[i] = r[2];
        el[i] = r[3];
        v[i] = (int) r[4];
      }
      return new Ipv6Ranges(sh, sl, eh, el, v);
    }
  }
}
