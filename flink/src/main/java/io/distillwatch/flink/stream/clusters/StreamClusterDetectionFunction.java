package io.distillwatch.flink.stream.clusters;

import io.distillwatch.cluster.ClusterInheritance;
import io.distillwatch.detect.Assessment;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.StreamSettings;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.flink.types.SerializerTypeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by cluster lineage: scores a cluster on its members' combined traffic with the same rules as
 * single accounts (the core detector, reading the cluster's profile), in event-time order, and emits
 * {@code kind:"cluster"} verdict changes. Each change — and each member joining a flagged cluster —
 * also goes to every member as a {@link MemberVerdict} ({@link #MEMBERS}), so a light account in a
 * convicted cluster is convicted with it.
 *
 * <p>Events and the linker's messages are buffered until the watermark passes the time they were made
 * (for events, the time the account stage applied them), then applied in that order, so the result is
 * the same whatever the parallelism or timing. When two clusters merge, the larger one's state carries on and the smaller one's is
 * dropped ({@link ClusterControl#RETIRE}): the merged cluster's combined traffic counts from the merge.
 */
public final class StreamClusterDetectionFunction<S>
    extends KeyedCoProcessFunction<String, Tuple2<String, UsageEvent>, ClusterControl, VerdictChange> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<MemberVerdict> MEMBERS =
      new OutputTag<>("member-verdicts", TypeInformation.of(MemberVerdict.class));
  public static final String CLUSTER_CHANGES = "clusterVerdictChanges";
  private static final Comparator<UsageEvent> ORDER =
      Comparator.comparingLong((UsageEvent e) -> e.ts)
          .thenComparing(e -> e.account, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(e -> e.requestId, Comparator.nullsLast(Comparator.naturalOrder()));

  private final AccountRules<S> rules;
  private final StreamSettings settings;
  private transient ValueState<S> state;
  private transient ValueState<ClusterInfo> info;
  private transient ListState<UsageEvent> pending;
  private transient ListState<ClusterControl> pendingControls;
  private transient MapState<String, Boolean> members;
  private transient Counter changes;

  public StreamClusterDetectionFunction(AccountRules<S> rules, StreamSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    rules.open();
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("cluster-state", rules.stateSerializer()));
    info = getRuntimeContext().getState(new ValueStateDescriptor<>("cluster-info", TypeInformation.of(ClusterInfo.class)));
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("cluster-pending", SerializerTypeInfo.USAGE_EVENT));
    pendingControls =
        getRuntimeContext().getListState(new ListStateDescriptor<>("cluster-controls", TypeInformation.of(ClusterControl.class)));
    members = getRuntimeContext().getMapState(new MapStateDescriptor<>("cluster-members", Types.STRING, Types.BOOLEAN));
    changes = getRuntimeContext().getMetricGroup().counter(CLUSTER_CHANGES);
  }

  @Override
  public void processElement1(Tuple2<String, UsageEvent> e, Context ctx, Collector<VerdictChange> out) throws Exception {
    pending.add(e.f1);
    ctx.timerService().registerEventTimeTimer(settings.applyTime(e.f1.ts));
  }

  @Override
  public void processElement2(ClusterControl c, Context ctx, Collector<VerdictChange> out) throws Exception {
    pendingControls.add(c);
    ctx.timerService().registerEventTimeTimer(c.at);
  }

  /**
   * Applies, in order of the time they were made, the events and linker messages the watermark has
   * passed: at equal times events first (the linker's messages at time t come from evidence of
   * events applied at t).
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictChange> out) throws Exception {
    List<UsageEvent> events = new ArrayList<>();
    List<UsageEvent> laterEvents = new ArrayList<>();
    for (UsageEvent e : nonNull(pending.get())) {
      (settings.applyTime(e.ts) <= timestamp ? events : laterEvents).add(e);
    }
    List<ClusterControl> controls = new ArrayList<>();
    List<ClusterControl> laterControls = new ArrayList<>();
    for (ClusterControl c : nonNull(pendingControls.get())) {
      (c.at <= timestamp ? controls : laterControls).add(c);
    }
    if (events.isEmpty() && controls.isEmpty()) {
      return;
    }
    pending.update(laterEvents);
    pendingControls.update(laterControls);
    events.sort(ORDER);
    controls.sort(Comparator.comparingLong(c -> c.at)); // stable: the linker's order within a time
    String lineage = ctx.getCurrentKey();
    Batch b = new Batch(lineage, ctx, out);
    int e = 0;
    int c = 0;
    while (e < events.size() || c < controls.size()) {
      boolean eventFirst =
          c == controls.size()
              || (e < events.size() && settings.applyTime(events.get(e).ts) <= controls.get(c).at);
      if (eventFirst) {
        b.apply(events.get(e++));
      } else if (b.control(controls.get(c++))) {
        pending.clear(); // retired: what is left belongs to the cluster that absorbed this one
        pendingControls.clear();
        return;
      }
    }
    b.save();
  }

  /** One timer's work on one cluster: state loaded once, saved once. */
  private final class Batch {
    final String lineage;
    final OnTimerContext ctx;
    final Collector<VerdictChange> out;
    ClusterInfo i;
    S s;

    Batch(String lineage, OnTimerContext ctx, Collector<VerdictChange> out) throws Exception {
      this.lineage = lineage;
      this.ctx = ctx;
      this.out = out;
      i = info.value();
      if (i == null) {
        i = new ClusterInfo();
        i.verdict = Verdict.BENIGN.code();
      }
    }

    void apply(UsageEvent e) throws Exception {
      if (s == null) {
        s = state.value();
        if (s == null) {
          s = rules.newState(lineage);
        }
      }
      rules.profile(lineage, i.profile);
      try {
        rules.update(s, e);
        Assessment a = rules.assess(s);
        i.score = a.score();
        i.events = rules.events(s);
        String next = a.verdict().code();
        if (!next.equals(i.verdict)) {
          i.seq++;
          List<Signal> explained = rules.explain(s);
          out.collect(new VerdictChange(VerdictChange.CLUSTER, i.clusterId == null ? lineage : i.clusterId,
              i.verdict, next, a.score(), e.ts, VerdictChange.signalsJson(explained), i.seq));
          changes.inc();
          i.verdict = next;
          i.top = top(explained);
          long trigger = settings.applyTime(e.ts);
          for (String member : members.keys()) {
            ctx.output(MEMBERS, memberVerdict(member, i, e.ts, trigger));
          }
        }
      } finally {
        rules.profile(lineage, null);
      }
    }

    /** Applies a linker message; true when this cluster was retired. */
    boolean control(ClusterControl c) throws Exception {
      switch (c.type) {
        case ClusterControl.RETIRE -> {
          state.clear();
          info.clear();
          members.clear();
          return true;
        }
        case ClusterControl.MEMBER -> {
          members.put(c.account, Boolean.TRUE);
          if (!Verdict.BENIGN.code().equals(i.verdict)) {
            ctx.output(MEMBERS, memberVerdict(c.account, i, c.at, c.at));
          }
        }
        case ClusterControl.CLUSTER -> {
          i.clusterId = c.clusterId;
          i.size = c.size;
          i.links = c.links;
          if (c.profile != null) {
            i.profile = c.profile;
          }
        }
        default -> throw new IllegalArgumentException("unknown cluster control " + c.type);
      }
      return false;
    }

    void save() throws Exception {
      if (s != null) {
        state.update(s);
      }
      info.update(i);
    }
  }

  private static <T> Iterable<T> nonNull(Iterable<T> items) {
    return items == null ? List.of() : items;
  }

  private static String top(List<Signal> signals) {
    return signals.stream().filter(s -> s.contribution > 0).limit(3).map(s -> s.id).collect(Collectors.joining(", "));
  }

  private static MemberVerdict memberVerdict(String account, ClusterInfo i, long at, long trigger) {
    String evidence = ClusterInheritance.evidence(i.clusterId, i.size, i.links, i.events, true, i.score, i.verdict, i.top);
    return new MemberVerdict(account, i.clusterId, i.verdict, i.score, at, trigger, evidence);
  }

  /** What a cluster's detection knows besides the detector state (a Flink POJO). */
  public static class ClusterInfo {
    public String clusterId;
    public int size;
    public AccountInfo profile;
    public String links;
    public String verdict;
    public double score;
    public long seq;
    public long events;
    public String top;

    public ClusterInfo() {}
  }

}
