package io.distillwatch.node.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

/**
 * The Flink metrics the node exports, collected by {@link NodeMetricsReporter} (one registry per JVM,
 * because Flink instantiates reporters itself) and rendered in the Prometheus text format. Values are
 * summed over subtasks. Counters restart from zero when the job restarts (Flink metrics are not part of
 * checkpoints), so after a failover they also count replayed records.
 */
public final class NodeMetrics {
  private static final NodeMetrics JVM = new NodeMetrics();

  /** Exported name, Flink metric name, type, help. */
  private record Export(String name, String flinkName, String type, String help) {}

  private static final Export[] EXPORTS = {
    new Export("distillwatch_events_in_total", "eventsIn", "counter", "Events accepted from the input."),
    new Export("distillwatch_events_rejected_total", "eventsRejected", "counter", "Input records rejected (stored in the rejections table)."),
    new Export("distillwatch_events_late_total", "lateEvents", "counter", "Events later than the allowed lateness, not applied (stored in late_events)."),
    new Export("distillwatch_events_duplicate_total", "duplicateEvents", "counter", "Events with a request id already seen, skipped."),
    new Export("distillwatch_alerts_total", "verdictChanges", "counter", "Verdict changes emitted."),
    new Export("distillwatch_consumer_lag_records", "pendingRecords", "gauge", "Records in the input topic not yet read (Kafka input only)."),
    new Export("distillwatch_checkpoint_last_duration_ms", "lastCheckpointDuration", "gauge", "Duration of the last completed checkpoint."),
    new Export("distillwatch_checkpoints_completed_total", "numberOfCompletedCheckpoints", "counter", "Checkpoints completed."),
    new Export("distillwatch_checkpoints_failed_total", "numberOfFailedCheckpoints", "counter", "Checkpoints failed."),
    new Export("distillwatch_job_restarts_total", "numRestarts", "counter", "Job restarts after a failure."),
  };

  private final Map<String, Set<Metric>> byName = new ConcurrentHashMap<>();

  public static NodeMetrics jvm() {
    return JVM;
  }

  void added(String flinkName, Metric metric) {
    byName.computeIfAbsent(flinkName, k -> ConcurrentHashMap.newKeySet()).add(metric);
  }

  void removed(String flinkName, Metric metric) {
    Set<Metric> set = byName.get(flinkName);
    if (set != null) {
      set.remove(metric);
    }
  }

  /** The sum of the named Flink metric over all instances, or 0. */
  public long value(String flinkName) {
    long sum = 0;
    for (Metric m : byName.getOrDefault(flinkName, Set.of())) {
      if (m instanceof Counter c) {
        sum += c.getCount();
      } else if (m instanceof Gauge<?> g && g.getValue() instanceof Number n && n.longValue() >= 0) {
        sum += n.longValue();
      }
    }
    return sum;
  }

  /** Prometheus text exposition format 0.0.4. */
  public String prometheusText() {
    StringBuilder sb = new StringBuilder();
    for (Export e : EXPORTS) {
      sb.append("# HELP ").append(e.name).append(' ').append(e.help).append('\n');
      sb.append("# TYPE ").append(e.name).append(' ').append(e.type).append('\n');
      sb.append(e.name).append(' ').append(value(e.flinkName)).append('\n');
    }
    return sb.toString();
  }
}
