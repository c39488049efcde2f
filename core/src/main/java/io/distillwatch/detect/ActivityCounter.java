package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Request counts over time with a bounded number of buckets: hourly buckets aligned to the hour of the
 * first event; once more than {@value #MAX_BUCKETS} would be needed (14 days), the bucket width doubles
 * and neighbouring buckets merge (2 h up to 28 days, 4 h up to 56 days, ...). Events before the first
 * bucket (out of order) count in bucket 0.
 */
final class ActivityCounter {
  static final int MAX_BUCKETS = 336;
  static final long HOUR = 3_600_000L;

  private long start = Long.MIN_VALUE;
  private long width = HOUR;
  private int[] counts = new int[0];

  void add(long ts) {
    if (start == Long.MIN_VALUE) {
      start = Math.floorDiv(ts, HOUR) * HOUR;
    }
    long idx = ts < start ? 0 : (ts - start) / width;
    while (idx >= MAX_BUCKETS) {
      coarsen();
      idx = (ts - start) / width;
    }
    if (idx >= counts.length) {
      counts = Arrays.copyOf(counts, (int) Math.min(MAX_BUCKETS, Math.max(idx + 1, counts.length * 2L)));
    }
    counts[(int) idx]++;
  }

  private void coarsen() {
    int[] c = new int[counts.length / 2 + 1];
    for (int i = 0; i < counts.length; i++) {
      c[i / 2] += counts[i];
    }
    counts = c;
    width *= 2;
  }

  Activity snapshot() {
    if (start == Long.MIN_VALUE) {
      return new Activity(0, HOUR, new int[0]);
    }
    int last = counts.length;
    while (last > 0 && counts[last - 1] == 0) {
      last--;
    }
    return new Activity(start, width, Arrays.copyOf(counts, last));
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(start);
    out.writeLong(width);
    out.writeInt(counts.length);
    for (int c : counts) {
      out.writeInt(c);
    }
  }

  static ActivityCounter read(DataInput in) throws IOException {
    ActivityCounter a = new ActivityCounter();
    a.start = in.readLong();
    a.width = in.readLong();
    if (a.width < HOUR) {
      throw new IOException("corrupt activity bucket width " + a.width);
    }
    int n = Codec.readCount(in, MAX_BUCKETS + 1, "activity bucket");
    a.counts = new int[n];
    for (int i = 0; i < n; i++) {
      a.counts[i] = in.readInt();
    }
    return a;
  }
}
