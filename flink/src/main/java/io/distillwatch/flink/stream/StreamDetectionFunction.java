package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import io.distillwatch.flink.stream.clusters.EvidenceUpdate;
import io.distillwatch.linking.AccountEvidence;
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
 * Per-account detection on an unbounded, out-of-order stream. Adapts only: the rules live in
 * {@link AccountRules}.
 *
 * <p>Ordering: an event at time {@code t} is buffered (keyed state) and applied when the watermark
 * passes {@code t + allowedLateness}, rounded up to the next multiple of {@code applyInterval} (so an
 * account's events arriving close together are applied in one batch: one read and one write of its
 * state instead of one per event); the buffered events of one account are applied in event-time
 * order (ties by request id, then arrival). So the rules see each account's events in event-time order
 * whatever the arrival order, parallelism or restarts, and verdicts are deterministic. An event whose
 * {@code t + allowedLateness} the watermark has already passed is late: it is not applied (that would
 * reorder history) but counted ({@code lateEvents}) and emitted on {@link #LATE}, never silently
 * dropped. The price is latency: a change is emitted out-of-orderness + allowed lateness (+ up to one
 * apply interval) after its event.
 *
 * <p>Repeated request ids are counted ({@code duplicateEvents}) and skipped, as in {@code scan}; the
 * ids are remembered for {@code dedupTtl} (processing time), so state does not grow without bound.
 * Account state itself is kept as long as the account exists (it is bounded per account by the rules).
 */
public final class StreamDetectionFunction<S>
    extends KeyedProcessFunction<String, UsageEvent, VerdictChange> {
  private static final long serialVersionUID = 1L;
  /** Events later than the allowed lateness. */
  public static final OutputTag<UsageEvent> LATE =
      new OutputTag<>("late", TypeInformation.of(UsageEvent.class));
  /** Applied events, in the order applied, for the cluster stage (only when {@link #withLinking}). */
  public static final OutputTag<UsageEvent> APPLIED =
      new OutputTag<>("applied", TypeInformation.of(UsageEvent.class));
  /** Accounts' linking evidence as their event counts pass 1, 2, 4, … (only when {@link #withLinking}). */
  public static final OutputTag<EvidenceUpdate> EVIDENCE =
      new OutputTag<>("evidence", TypeInformation.of(EvidenceUpdate.class));
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
  private boolean linking;

  private transient ValueState<S> accountState;
  private transient ValueState<Progress> progress;
  private transient ListState<UsageEvent> pending;
  private transient MapState<String, Boolean> seenRequestIds;
  private transient Counter late;
  private transient Counter duplicates;
  private transient Counter changes;

  /** Timers at every event time (apply interval 1 ms). */
  public StreamDetectionFunction(AccountRules<S> rules, Duration allowedLateness, Duration dedupTtl) {
    this(rules, allowedLateness, Duration.ofMillis(1), dedupTtl);
  }

  /**
   * @param allowedLateness how long after the watermark an event is still applied in order; ≥ 0
   * @param applyInterval timers are rounded up to multiples of this (≥ 1 ms; 1 ms = per event time)
   * @param dedupTtl how long request ids are remembered to drop repeats (e.g. 1 day)
   */
  public StreamDetectionFunction(
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

  /** Also emits {@link #APPLIED} events and {@link #EVIDENCE} for the cluster stage. */
  public StreamDetectionFunction<S> withLinking() {
    this.linking = true;
    return this;
  }

  @Override
  public void open(OpenContext openContext) {
    rules.open();
    accountState =
        getRuntimeContext().getState(new ValueStateDescriptor<>("account", rules.stateSerializer()));
    progress =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("progress", TypeInformation.of(Progress.class)));
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
    Progress p = progress.value();
    if (p == null) {
      p = new Progress();
      p.verdict = Verdict.BENIGN.code();
    }
    String current = p.verdict;
    long n = p.seq;
    long eventsBefore = linking ? rules.events(state) : 0;
    for (UsageEvent e : due) {
      if (linking) {
        ctx.output(APPLIED, e);
      }
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
    if (linking && EvidenceUpdate.due(eventsBefore, rules.events(state))) {
      AccountEvidence evidence = rules.evidence(state);
      if (evidence != null && !evidence.keys.isEmpty()) {
        ctx.output(EVIDENCE, new EvidenceUpdate(timestamp, evidence));
      }
    }
    accountState.update(state);
    if (n != p.seq) {
      p.verdict = current;
      p.seq = n;
      progress.update(p); // written only on a change: an absent value means benign, seq 0
    }
  }

  /** The account's current verdict and the seq of its last change (a Flink POJO). */
  public static class Progress {
    public String verdict;
    public long seq;

    public Progress() {}
  }
}
