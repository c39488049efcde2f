package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The keyed function as of commit 829cbe9 (one list buffer "pending" with the POJO serializer), kept
 * only to write checkpoints in that layout for the migration test. Not used by the job.
 */
final class LegacyStreamDetectionFunction<S>
    extends KeyedProcessFunction<String, UsageEvent, VerdictChange> {
  private static final long serialVersionUID = 1L;
  /** Events later than the allowed lateness. */
  static final OutputTag<UsageEvent> LATE =
      new OutputTag<>("late", TypeInformation.of(UsageEvent.class));
  public static final String LATE_EVENTS = "lateEvents";
  public static final String DUPLICATE_EVENTS = "duplicateEvents";
  public static final String VERDICT_CHANGES = "verdictChanges";

  private static final Comparator<UsageEvent> TIE_BREAK =
      Comparator.comparingLong((UsageEvent e) -> e.ts)
          .thenComparing(e -> e.requestId, Comparator.nullsLast(Comparator.naturalOrder()));

  private final AccountRules<S> rules;
  private final long allowedLatenessMillis;
  private final long applyIntervalMillis;
  private final Duration dedupTtl;

  private transient ValueState<S> accountState;
  private transient ValueState<StreamDetectionFunction.Progress> progress;
  private transient ListState<UsageEvent> pending;
  private transient MapState<String, Boolean> seenRequestIds;
  private transient Counter late;
  private transient Counter duplicates;
  private transient Counter changes;

  /** Timers at every event time (apply interval 1 ms). */
  LegacyStreamDetectionFunction(AccountRules<S> rules, Duration allowedLateness, Duration dedupTtl) {
    this(rules, allowedLateness, Duration.ofMillis(1), dedupTtl);
  }

  /**
   * @param allowedLateness how long after the watermark an event is still applied in order; ≥ 0
   * @param applyInterval timers are rounded up to multiples of this (≥ 1 ms; 1 ms = per event time)
   * @param dedupTtl how long request ids are remembered to drop repeats (e.g. 1 day)
   */
  LegacyStreamDetectionFunction(
      AccountRules<S> rules, Duration allowedLateness, Duration applyInterval, Duration dedupTtl) {
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must be >= 0, got " + allowedLateness);
    }
    if (applyInterval.toMillis() < 1) {
      throw new IllegalArgumentException("apply interval must be >= 1 ms, got " + applyInterval);
    }
    this.rules = rules;
    this.allowedLatenessMillis = allowedLateness.toMillis();
    this.applyIntervalMillis = applyInterval.toMillis();
    this.dedupTtl = dedupTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    rules.open();
    accountState =
        getRuntimeContext().getState(new ValueStateDescriptor<>("account", rules.stateSerializer()));
    progress =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("progress", TypeInformation.of(StreamDetectionFunction.Progress.class)));
    pending =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("pending", TypeInformation.of(UsageEvent.class)));
    MapStateDescriptor<String, Boolean> seen =
        new MapStateDescriptor<>("request-ids", Types.STRING, Types.BOOLEAN);
    seen.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seenRequestIds = getRuntimeContext().getMapState(seen);
    late = getRuntimeContext().getMetricGroup().counter(LATE_EVENTS);
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_EVENTS);
    changes = getRuntimeContext().getMetricGroup().counter(VERDICT_CHANGES);
  }

  @Override
  public void processElement(UsageEvent event, Context ctx, Collector<VerdictChange> out)
      throws Exception {
    long applyAt = event.ts + allowedLatenessMillis;
    if (applyAt <= ctx.timerService().currentWatermark()) {
      late.inc();
      ctx.output(LATE, event);
      return;
    }
    if (event.requestId != null) {
      if (seenRequestIds.contains(event.requestId)) {
        duplicates.inc();
        return;
      }
      seenRequestIds.put(event.requestId, Boolean.TRUE);
    }
    pending.add(event); // an append (RocksDB merge), no read
    long bucket = (applyAt + applyIntervalMillis - 1) / applyIntervalMillis * applyIntervalMillis;
    ctx.timerService().registerEventTimeTimer(bucket); // one timer per bucket and account
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictChange> out)
      throws Exception {
    long dueBy = timestamp - allowedLatenessMillis;
    List<UsageEvent> due = new ArrayList<>();
    List<UsageEvent> later = new ArrayList<>();
    Iterable<UsageEvent> buffered = pending.get();
    if (buffered != null) {
      for (UsageEvent e : buffered) {
        (e.ts <= dueBy ? due : later).add(e);
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
    due.sort(TIE_BREAK); // stable: equal (ts, request id) keep their arrival order
    String account = ctx.getCurrentKey();
    S state = accountState.value();
    if (state == null) {
      state = rules.newState(account);
    }
    StreamDetectionFunction.Progress p = progress.value();
    if (p == null) {
      p = new StreamDetectionFunction.Progress();
      p.verdict = Verdict.BENIGN.code();
    }
    String current = p.verdict;
    long n = p.seq;
    for (UsageEvent e : due) {
      rules.update(state, e);
      Assessment a = rules.assess(state);
      String next = a.verdict().code();
      if (!next.equals(current)) {
        n++;
        out.collect(
            new VerdictChange(
                VerdictChange.ACCOUNT,
                account,
                current,
                next,
                a.score(),
                e.ts,
                VerdictChange.signalsJson(rules.explain(state)),
                n));
        changes.inc();
        current = next;
      }
    }
    accountState.update(state);
    if (n != p.seq) {
      p.verdict = current;
      p.seq = n;
      progress.update(p); // written only on a change: an absent value means benign, seq 0
    }
  }

}
