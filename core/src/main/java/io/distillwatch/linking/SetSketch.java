package io.distillwatch.linking;

/**
 * One-permutation MinHash of a set of longs (e.g. active hours), densified by borrowing the next
 * non-empty bin, so two sets' sketches agree bin by bin with probability equal to their Jaccard
 * similarity.
 */
final class SetSketch {
  private SetSketch() {}

  static int[] of(long[] items, int count, int bins) {
    long[] min = new long[bins];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    int shift = 64 - Integer.numberOfTrailingZeros(bins);
    for (int i = 0; i < count; i++) {
      long h = mix(items[i]);
      int bin = (int) (h >>> shift);
      long v = h & ((1L << shift) - 1);
      if (v < min[bin]) {
        min[bin] = v;
      }
    }
    int[] out = new int[bins];
    for (int b = 0; b < bins; b++) {
      int src = b;
      int step = 0;
      while (min[src] == Long.MAX_VALUE && step < bins) {
        src = (src + 1) % bins;
        step++;
      }
      out[b] = min[src] == Long.MAX_VALUE ? 0 : (int) (mix(min[src] + step) ^ (mix(min[src] + step) >>> 32));
    }
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
