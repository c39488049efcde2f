package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import io.distillwatch.flink.types.UsageEventSerializer;
import io.distillwatch.flink.stream.clusters.EvidenceUpdate;
import io.distillwatch.flink.types.SerializerTypeInfo;
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
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
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
 * Account state is bounded per account by the rules and, with {@link #withIdleStateExpiry}, dropped
 * when the account is idle (ADR 0065, which also describes the state layout).
 */
public final class StreamDetectionFunction<S>
    extends KeyedProcessFunction<String, UsageEvent, VerdictChange> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  /** Events later than the allowed lateness. */
  public static final OutputTag<UsageEvent> LATE =
      new OutputTag<>("late", SerializerTypeInfo.USAGE_EVENT);
  /** Applied events, in the order applied, for the cluster stage (only when {@link #withLinking}). */
  public static final OutputTag<UsageEvent> APPLIED =
      new OutputTag<>("applied", SerializerTypeInfo.USAGE_EVENT);
  /** Accounts' linking evidence as their event counts pass 1, 2, 4, … (only when {@link #withLinking}). */
  public static final OutputTag<EvidenceUpdate> EVIDENCE =
      new OutputTag<>("evidence", TypeInformation.of(EvidenceUpdate.class));
  public static final String LATE_EVENTS = "lateEvents";
  public static final String DUPLICATE_EVENTS = "duplicateEvents";
  public static final String VERDICT_CHANGES = "verdictChanges";
  public static final String ACCOUNTS_EXPIRED = "accountsExpired";

  private static final Comparator<UsageEvent> TIE_BREAK =
      Comparator.comparingLong((UsageEvent e) -> e.ts)
          .thenComparing(e -> e.requestId, Comparator.nullsLast(Comparator.naturalOrder()));

  private final AccountRules<S> rules;
  private final long allowedLatenessMillis;
  private final long applyIntervalMillis;
  private final Duration dedupTtl;
  private boolean linking;
  /** 0: account state is kept for ever. */
  private long idleExpiryMillis;

  /**
   * The pending buffer is split in slots: an event waiting for the timer at {@code T} is appended to
   * slot {@link #slotOf slotOf(T)} = (T / 1 s) mod {@value #SLOTS}, so a timer reads (and clears) only
   * the events of its own apply interval, not those of the next few seconds that wait beside them
   * (which a single list made it read and write back at every timer: each event was serialized and
   * deserialized ~6 times). The slot depends on the timer's time only, never on the settings, so a
   * restore with other settings still finds every event; events of a later interval that share the
   * slot (intervals under 1 s, or more than {@value #SLOTS} s of pending event time) stay there.
   */
  static final int SLOTS = 8;
  /** Operator-state marker that checkpoints hold the slotted buffer (absent: the older single list). */
  private static final String LAYOUT_STATE = "stream-state-layout";
  private static final int LAYOUT_SLOTS = 2;

  private transient ValueState<S> accountState;
  private transient ValueState<Progress> progress;
  private transient ListState<UsageEvent>[] pending;
  /** The single-list buffer of checkpoints written before the slots; null unless restored from one. */
  private transient ListState<UsageEvent> legacyPending;
  private transient ListState<Integer> layout;
  private transient boolean restoredLegacyLayout;
  private transient MapState<String, Boolean> seenRequestIds;
  /** Timers registered lately, by hash of (account, time): see {@link #timerRegistered}. */
  private static final int TIMER_MEMO = 1 << 14;
  private transient String[] memoKeys;
  private transient long[] memoTimers;
  private transient Counter late;
  private transient Counter duplicates;
  private transient Counter changes;
  private transient Counter expired;

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

  /**
   * Drops the rules state of an account to which no event was applied for {@code idle} of event time
   * (checked at granularity {@code max(apply interval, idle / 8)}: the state goes between {@code idle}
   * and {@code 1.125 idle} after the account's last event). Its verdict and seq stay (tens of bytes,
   * nothing at all for an account that never changed verdict), so a returning account starts from
   * fresh rules state and its changes keep counting from its last seq. {@link Duration#ZERO}: never.
   */
  public StreamDetectionFunction<S> withIdleStateExpiry(Duration idle) {
    if (idle.isNegative()) {
      throw new IllegalArgumentException("idle state expiry must be >= 0, got " + idle);
    }
    this.idleExpiryMillis = idle.toMillis();
    return this;
  }

  /** Also emits {@link #APPLIED} events and {@link #EVIDENCE} for the cluster stage. */
  public StreamDetectionFunction<S> withLinking() {
    this.linking = true;
    return this;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    layout =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>(LAYOUT_STATE, Types.INT));
    boolean slotted = false;
    for (Integer v : layout.get()) {
      slotted |= v != null && v >= LAYOUT_SLOTS;
    }
    restoredLegacyLayout = context.isRestored() && !slotted;
    layout.update(List.of(LAYOUT_SLOTS));
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) {
    // the layout marker is written once in initializeState and kept by the operator state backend
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext openContext) {
    rules.open();
    accountState =
        getRuntimeContext().getState(new ValueStateDescriptor<>("account", rules.stateSerializer()));
    progress =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("progress", TypeInformation.of(Progress.class)));
    memoKeys = new String[TIMER_MEMO];
    memoTimers = new long[TIMER_MEMO];
    pending = new ListState[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
      pending[i] =
          getRuntimeContext()
              .getListState(new ListStateDescriptor<>("pending-" + i, UsageEventSerializer.INSTANCE));
    }
    if (restoredLegacyLayout) {
      legacyPending =
          getRuntimeContext()
              .getListState(new ListStateDescriptor<>("pending", TypeInformation.of(UsageEvent.class)));
    }
    MapStateDescriptor<String, Boolean> seen =
        new MapStateDescriptor<>("request-ids", Types.STRING, Types.BOOLEAN);
    seen.enableTimeToLive(StateTtlConfig.newBuilder(dedupTtl).build());
    seenRequestIds = getRuntimeContext().getMapState(seen);
    late = getRuntimeContext().getMetricGroup().counter(LATE_EVENTS);
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_EVENTS);
    changes = getRuntimeContext().getMetricGroup().counter(VERDICT_CHANGES);
    expired = getRuntimeContext().getMetricGroup().counter(ACCOUNTS_EXPIRED);
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
    long bucket = bucket(event);
    pending[slotOf(bucket)].add(event); // an append (RocksDB merge), no read
    if (!timerRegistered(ctx.getCurrentKey(), bucket)) {
      ctx.timerService().registerEventTimeTimer(bucket); // one timer per bucket and account
    }
  }

  /**
   * True when this instance already registered the timer ({@code key}, {@code timer}), as far as a
   * small direct-mapped memo remembers; otherwise remembers it and returns false. Registering is
   * idempotent but costs a lookup in the timer queue's hash set for every event (~6 % of the job);
   * most events of an account share the timer of the one before. A remembered timer is still
   * registered: it cannot have fired, since the event asking is not late (its timer is after the
   * watermark), and timers are never deleted. The memo starts empty on every (re)start.
   */
  private boolean timerRegistered(String key, long timer) {
    int h = key.hashCode() * 0x9E3779B9 + Long.hashCode(timer / 1000L) * 0x85EBCA6B;
    int i = (h ^ (h >>> 15)) & (TIMER_MEMO - 1);
    if (memoTimers[i] == timer && key.equals(memoKeys[i])) {
      return true;
    }
    memoTimers[i] = timer;
    memoKeys[i] = key;
    return false;
  }

  /** The timer an event waits for: {@code ts + allowedLateness} rounded up to the apply interval. */
  private long bucket(UsageEvent e) {
    long applyAt = e.ts + allowedLatenessMillis;
    return Math.floorDiv(applyAt + applyIntervalMillis - 1, applyIntervalMillis) * applyIntervalMillis;
  }

  static int slotOf(long timer) {
    return (int) Math.floorMod(Math.floorDiv(timer, 1000L), (long) SLOTS);
  }

  /**
   * Sorts the events of {@code buffered}: those due by {@code dueBy} into {@code due}, those of a later
   * timer whose slot is {@code slot} into {@code keep}; the others (only after a restore with other
   * settings, or from the single-list layout) are appended to their own slot. Every event left pending
   * has its timer registered. Returns the number of events read.
   */
  private int split(
      Iterable<UsageEvent> buffered,
      long dueBy,
      int slot,
      List<UsageEvent> due,
      List<UsageEvent> keep,
      TimerService timers)
      throws Exception {
    int read = 0;
    for (UsageEvent e : buffered) {
      read++;
      if (e.ts <= dueBy) {
        due.add(e);
        continue;
      }
      long b = bucket(e); // > the current timer, since e.ts + allowedLateness > it
      timers.registerEventTimeTimer(b); // already registered unless the settings changed
      int home = slotOf(b);
      if (home == slot) {
        keep.add(e);
      } else {
        pending[home].add(e);
      }
    }
    return read;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictChange> out)
      throws Exception {
    long dueBy = timestamp - allowedLatenessMillis;
    List<UsageEvent> due = new ArrayList<>();
    int slot = slotOf(timestamp);
    ListState<UsageEvent> buffer = pending[slot];
    Iterable<UsageEvent> buffered = buffer.get();
    if (buffered != null) {
      List<UsageEvent> later = new ArrayList<>(0);
      int read = split(buffered, dueBy, slot, due, later, ctx.timerService());
      if (read > 0 && later.isEmpty()) {
        buffer.clear();
      } else if (later.size() != read) {
        buffer.update(later); // events of a later interval that share the slot stay
      }
    }
    if (legacyPending != null) {
      Iterable<UsageEvent> old = legacyPending.get();
      if (old != null && old.iterator().hasNext()) {
        // not-due events move to their slots
        split(old, dueBy, -1, due, new ArrayList<>(0), ctx.timerService());
        legacyPending.clear();
      }
    }
    if (due.isEmpty()) {
      if (idleExpiryMillis > 0) {
        expireIfIdle(timestamp, ctx.timerService());
      }
      return;
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
    boolean write = n != p.seq;
    p.verdict = current;
    p.seq = n;
    if (idleExpiryMillis > 0) {
      write |= seen(p, due.get(due.size() - 1).ts, timestamp, ctx.timerService());
    }
    if (write) {
      // written on a change (and with idle expiry, about 8 times per expiry period): an absent value
      // means benign, seq 0
      progress.update(p);
    }
  }

  /**
   * Idle expiry, after a batch whose newest event is at {@code lastTs}: moves the account's last-seen
   * time (rounded up to the expiry granularity, so it changes rarely) and arms the expiry timer when
   * none is pending. Returns whether {@code p} changed.
   */
  private boolean seen(Progress p, long lastTs, long now, TimerService timers) {
    long g = expiryGranularity();
    long seen = Math.floorDiv(lastTs + g - 1, g) * g;
    boolean changed = false;
    if (seen > p.lastSeen) {
      p.lastSeen = seen;
      changed = true;
    }
    if (p.expireAt == 0 || p.expireAt <= now) {
      p.expireAt = p.lastSeen + idleExpiryMillis; // > now: lastSeen >= lastTs > now - lateness - interval
      timers.registerEventTimeTimer(p.expireAt);
      changed = true;
    }
    return changed;
  }

  private long expiryGranularity() {
    return Math.max(applyIntervalMillis, idleExpiryMillis / 8);
  }

  /**
   * An expiry timer without due events: if nothing was applied for the idle-expiry period, drops the
   * account's rules state (the kilobytes) and keeps only what makes its next changes unique — its
   * verdict and seq — or nothing when it never changed verdict; otherwise re-arms the timer.
   */
  private void expireIfIdle(long now, TimerService timers) throws Exception {
    Progress p = progress.value();
    if (p == null || p.expireAt != now) {
      return; // not an expiry timer, or a stale one
    }
    if (p.lastSeen + idleExpiryMillis > now) {
      p.expireAt = p.lastSeen + idleExpiryMillis;
      timers.registerEventTimeTimer(p.expireAt);
      progress.update(p);
      return;
    }
    accountState.clear();
    expired.inc();
    if (p.seq == 0) {
      progress.clear();
    } else {
      p.lastSeen = 0;
      p.expireAt = 0;
      progress.update(p);
    }
  }

  /**
   * The account's current verdict and the seq of its last change (a Flink POJO); with idle expiry,
   * also when it was last seen (event time rounded up to the expiry granularity) and its expiry timer
   * (0: none armed). Fields added later read as 0 from older checkpoints (POJO schema evolution).
   */
  public static class Progress {
    public String verdict;
    public long seq;
    public long lastSeen;
    public long expireAt;

    public Progress() {}
  }
}
