package io.distillwatch.flink.stream.clusters;

import io.distillwatch.event.UsageEvent;

/** A linked account's event on its way to its cluster's detection, tagged with the cluster lineage (a Flink POJO). */
public class LineageEvent {
  public String lineage;
  public UsageEvent event;

  public LineageEvent() {}

  public LineageEvent(String lineage, UsageEvent event) {
    this.lineage = lineage;
    this.event = event;
  }
}
