package io.distillwatch.flink.cluster;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.types.SerializerTypeInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each account's events with its cluster (keyed by account): events of clustered accounts go on
 * tagged with the cluster, others are dropped at the end of the account. Events that arrive before the
 * assignment wait in state for it.
 */
public final class ClusterAssignFunction
    extends KeyedCoProcessFunction<String, UsageEvent, ClusterAssignment, ClusteredEvent> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<String> cluster;
  private transient ListState<UsageEvent> waiting;
  private transient ValueState<AccountInfo> pendingProfile;

  @Override
  public void open(OpenContext openContext) {
    cluster = getRuntimeContext().getState(new ValueStateDescriptor<>("cluster", Types.STRING));
    pendingProfile =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("profile", TypeInformation.of(AccountInfo.class)));
    waiting =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("waiting", SerializerTypeInfo.USAGE_EVENT));
  }

  @Override
  public void processElement1(UsageEvent event, Context ctx, Collector<ClusteredEvent> out) throws Exception {
    String c = cluster.value();
    if (c != null) {
      ClusteredEvent tagged = new ClusteredEvent(c, event);
      AccountInfo profile = pendingProfile.value();
      if (profile != null) {
        // the account's first event carries the cluster profile (see processElement2)
        tagged.profile = profile;
        pendingProfile.clear();
      }
      out.collect(tagged);
      return;
    }
    waiting.add(event);
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void processElement2(ClusterAssignment assignment, Context ctx, Collector<ClusteredEvent> out)
      throws Exception {
    cluster.update(assignment.cluster);
    Iterable<UsageEvent> buffered = waiting.get();
    boolean first = true;
    if (buffered != null) {
      for (UsageEvent e : buffered) {
        ClusteredEvent tagged = new ClusteredEvent(assignment.cluster, e);
        if (first) {
          // Buffered events are in time order: the member's first event carries the cluster profile,
          // so the cluster's very first event does too.
          tagged.profile = assignment.profile;
          first = false;
        }
        out.collect(tagged);
      }
    }
    if (first && assignment.profile != null) {
      // The assignment came first (the usual order in batch mode): the next event carries the profile.
      pendingProfile.update(assignment.profile);
    }
    waiting.clear();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClusteredEvent> out) {
    waiting.clear();
    cluster.clear();
    pendingProfile.clear();
  }
}
