package io.distillwatch.flink.cluster;

/**
 * An event of a clustered account, tagged with its cluster's key ({@link ClusterKeys}); or, with no
 * event, the cluster's profile, which reaches the cluster's detection before its events.
 */
public class ClusteredEvent {
  public long cluster;
  /** The cluster's ordinal in this run: the key the cluster stage sorts by (4 bytes, see {@link ClusterSortTime}). */
  public int ordinal;
  /** The event, encoded ({@link EventBytes}), or null on a profile record. */
  public byte[] event;
  /** The cluster's profile, on its profile record only; null otherwise. */
  public io.distillwatch.event.AccountInfo profile;

  public ClusteredEvent() {}

  public ClusteredEvent(long cluster, int ordinal, byte[] event) {
    this.cluster = cluster;
    this.ordinal = ordinal;
    this.event = event;
  }

  /** The record carrying a cluster's profile. */
  public static ClusteredEvent profile(long cluster, int ordinal, io.distillwatch.event.AccountInfo profile) {
    ClusteredEvent e = new ClusteredEvent(cluster, ordinal, null);
    e.profile = profile;
    return e;
  }
}
