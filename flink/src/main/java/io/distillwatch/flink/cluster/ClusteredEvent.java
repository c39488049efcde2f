package io.distillwatch.flink.cluster;

import io.distillwatch.event.UsageEvent;

/** An event of a clustered account, tagged with its cluster (a Flink POJO). */
public class ClusteredEvent {
  public String cluster;
  public UsageEvent event;
  /** The cluster's profile, on each member's first event only; null otherwise. */
  public io.distillwatch.event.AccountInfo profile;

  public ClusteredEvent() {}

  public ClusteredEvent(String cluster, UsageEvent event) {
    this.cluster = cluster;
    this.event = event;
  }
}
