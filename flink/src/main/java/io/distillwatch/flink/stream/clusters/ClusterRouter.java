package io.distillwatch.flink.stream.clusters;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.StreamSettings;
import io.distillwatch.flink.types.SerializerTypeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by account: forwards each of the account's applied events, tagged with the cluster lineage
 * the account belonged to at that event's apply time, to the cluster's detection. Events are held
 * until the watermark passes their apply time, so every {@link ClusterControl#MEMBER} message from
 * the linker up to then has arrived and the routing is the same whatever the parallelism or timing.
 * An account's events from before it was linked are not forwarded: a cluster's combined traffic
 * starts when its members join it.
 */
public final class ClusterRouter extends KeyedCoProcessFunction<String, UsageEvent, ClusterControl, Tuple2<String, UsageEvent>> {
  private static final long serialVersionUID = 1L;
  private final StreamSettings settings;
  private transient ValueState<Memberships> memberships;
  private transient ListState<UsageEvent> pending;

  public ClusterRouter(StreamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    memberships =
        getRuntimeContext().getState(new ValueStateDescriptor<>("memberships", TypeInformation.of(Memberships.class)));
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("route-pending", SerializerTypeInfo.USAGE_EVENT));
  }

  @Override
  public void processElement1(UsageEvent event, Context ctx, Collector<Tuple2<String, UsageEvent>> out) throws Exception {
    pending.add(event);
    ctx.timerService().registerEventTimeTimer(settings.applyTime(event.ts));
  }

  @Override
  public void processElement2(ClusterControl control, Context ctx, Collector<Tuple2<String, UsageEvent>> out) throws Exception {
    if (ClusterControl.MEMBER.equals(control.type)) {
      Memberships m = memberships.value();
      memberships.update(m == null ? Memberships.of(control.at, control.lineage) : m.plus(control.at, control.lineage));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, UsageEvent>> out) throws Exception {
    List<UsageEvent> due = new ArrayList<>();
    List<UsageEvent> later = new ArrayList<>();
    Iterable<UsageEvent> buffered = pending.get();
    if (buffered != null) {
      for (UsageEvent e : buffered) {
        (settings.applyTime(e.ts) <= timestamp ? due : later).add(e);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    if (later.isEmpty()) {
      pending.clear();
    } else {
      pending.update(later);
    }
    Memberships m = memberships.value();
    if (m == null) {
      return; // not linked (yet): these events stay the account's own
    }
    due.sort(Comparator.comparingLong((UsageEvent e) -> e.ts)
        .thenComparing(e -> e.requestId, Comparator.nullsLast(Comparator.naturalOrder())));
    for (UsageEvent e : due) {
      String lineage = m.at(settings.applyTime(e.ts));
      if (lineage != null) {
        out.collect(Tuple2.of(lineage, e));
      }
    }
    memberships.update(m.prunedBefore(timestamp));
  }

  /** The lineages an account joined, and from when (a Flink POJO; a handful of entries at most). */
  public static class Memberships {
    public long[] since;
    public String[] lineage;

    public Memberships() {}

    static Memberships of(long since, String lineage) {
      Memberships m = new Memberships();
      m.since = new long[] {since};
      m.lineage = new String[] {lineage};
      return m;
    }

    Memberships plus(long at, String next) {
      Memberships m = new Memberships();
      m.since = Arrays.copyOf(since, since.length + 1);
      m.lineage = Arrays.copyOf(lineage, lineage.length + 1);
      m.since[since.length] = at;
      m.lineage[lineage.length] = next;
      return m;
    }

    /** The lineage joined last strictly before {@code applyTime}, or null. */
    String at(long applyTime) {
      String found = null;
      long best = Long.MIN_VALUE;
      for (int i = 0; i < since.length; i++) {
        if (since[i] < applyTime && since[i] >= best) {
          best = since[i];
          found = lineage[i];
        }
      }
      return found;
    }

    /** Drops entries no event at or after {@code time} can use. */
    Memberships prunedBefore(long time) {
      long keepFrom = Long.MIN_VALUE;
      for (long s : since) {
        if (s < time) {
          keepFrom = Math.max(keepFrom, s);
        }
      }
      int n = 0;
      for (long s : since) {
        if (s >= keepFrom) {
          n++;
        }
      }
      if (n == since.length) {
        return this;
      }
      Memberships m = new Memberships();
      m.since = new long[n];
      m.lineage = new String[n];
      for (int i = 0, j = 0; i < since.length; i++) {
        if (since[i] >= keepFrom) {
          m.since[j] = since[i];
          m.lineage[j++] = lineage[i];
        }
      }
      return m;
    }
  }
}
