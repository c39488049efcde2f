package io.distillwatch.flink.cluster;

import io.distillwatch.ingest.Timestamps;

/**
 * The record time the cluster stage sorts by. Flink's batch sort orders a keyed stream by (key, time)
 * but compares only the first 8 bytes of that as a normalised key; everything else costs a comparison
 * of the serialised records. Keyed by a 64-bit cluster id, every comparison inside a cluster (a hydra
 * cluster holds millions of events) fell through to the records. Keyed by the cluster's 4-byte
 * ordinal, the other 4 bytes are the top of the time, so this maps event time (accepted only within
 * [2000, 2100), {@link Timestamps}) order-preservingly onto the whole {@code long} range: its top 32
 * bits then tell apart times more than 2.048 s apart. Only the sort sees this value; detection reads the
 * event's own time.
 */
public final class ClusterSortTime {
  static final int SHIFT = 21;

  private ClusterSortTime() {}

  /** Order-preserving; profile records ({@code Long.MIN_VALUE}) stay first. */
  public static long of(long eventTime) {
    if (eventTime == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    long since = Math.min(Math.max(eventTime, Timestamps.MIN_MS), Timestamps.END_MS - 1) - Timestamps.MIN_MS;
    return since << SHIFT;
  }
}
