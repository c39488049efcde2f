package io.distillwatch.flink.cluster;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tags each event of a clustered account with its cluster and drops the others. The assignments are
 * broadcast to every instance, and in batch mode Flink reads the broadcast input to its end before the
 * events, so the events need no shuffle by account and no waiting in state: they stream through in
 * any order and are shuffled once, by cluster. Events stay encoded ({@link EventBytes}).
 */
public final class ClusterTagFunction extends BroadcastProcessFunction<EventBytes, ClusterAssignment, ClusteredEvent> {
  private static final long serialVersionUID = 1L;
  /** Required by the broadcast API; the assignments are kept in a plain map (bounded input, no checkpoints). */
  public static final MapStateDescriptor<String, Long> ASSIGNMENTS =
      new MapStateDescriptor<>("cluster-assignments", Types.STRING, Types.LONG);

  private transient Map<String, ClusterAssignment> clusterByAccount;
  private transient ClusteredEvent out;

  @Override
  public void processBroadcastElement(ClusterAssignment a, Context ctx, Collector<ClusteredEvent> collector) {
    if (clusterByAccount == null) {
      clusterByAccount = new HashMap<>();
    }
    clusterByAccount.put(a.account, new ClusterAssignment(a.account, a.cluster, a.ordinal));
  }

  @Override
  public void processElement(EventBytes event, ReadOnlyContext ctx, Collector<ClusteredEvent> collector) {
    ClusterAssignment cluster = clusterByAccount == null ? null : clusterByAccount.get(event.account);
    if (cluster == null) {
      return;
    }
    if (out == null) {
      out = new ClusteredEvent();
    }
    // serialized on emit (the next stage is a shuffle), so one instance serves every event
    out.cluster = cluster.cluster;
    out.ordinal = cluster.ordinal;
    out.event = event.event;
    collector.collect(out);
  }
}
