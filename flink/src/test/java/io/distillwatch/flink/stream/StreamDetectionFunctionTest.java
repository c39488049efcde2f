package io.distillwatch.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed function on the operator harness: output, side output, state and timers. */
class StreamDetectionFunctionTest {
  private static final OrderProbeRules RULES = new OrderProbeRules(1);

  private static KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> harness(
      Duration lateness) throws Exception {
    StreamDetectionFunction<OrderProbeRules.State> fn =
        new StreamDetectionFunction<>(RULES, lateness, Duration.ofDays(1));
    KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(fn), e -> e.account, Types.STRING);
    h.open();
    return h;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> h, UsageEvent e)
      throws Exception {
    h.processElement(new StreamRecord<>(e, e.ts));
  }

  @Test
  void outOfOrderEventsWaitForTheWatermarkThenApplyInEventTimeOrder() throws Exception {
    var h = harness(Duration.ZERO);
    List<UsageEvent> events =
        List.of(Probe.event("a", 3000, "r3"), Probe.event("a", 1000, "r1"), Probe.event("a", 2000, "r2"));
    for (UsageEvent e : events) {
      send(h, e);
    }
    assertThat(h.extractOutputValues()).isEmpty();
    assertThat(h.numEventTimeTimers()).isEqualTo(3);
    assertThat(h.numKeyedStateEntries())
        .as("request ids and the pending buffer (one slot per second of timers: three here)")
        .isEqualTo(4);

    h.processWatermark(2000);
    assertThat(h.extractOutputValues()).extracting(c -> c.at).containsExactly(1000L, 2000L);
    assertThat(h.numEventTimeTimers()).isEqualTo(1);

    h.processWatermark(3000);
    assertThat(h.extractOutputValues()).isEqualTo(Probe.expected(RULES, events));
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.numKeyedStateEntries())
        .as("account state, progress (verdict, seq) and request ids remain; the pending buffer is gone")
        .isEqualTo(3);
    h.close();
  }

  @Test
  void eventsBehindTheWatermarkAreReportedAsLateNotApplied() throws Exception {
    var h = harness(Duration.ZERO);
    h.processWatermark(5000);
    send(h, Probe.event("a", 5000, "r-at-watermark"));
    send(h, Probe.event("a", 6000, "r-on-time"));
    h.processWatermark(7000);

    ConcurrentLinkedQueue<StreamRecord<UsageEvent>> late = h.getSideOutput(StreamDetectionFunction.LATE);
    assertThat(late).extracting(r -> r.getValue().requestId).containsExactly("r-at-watermark");
    assertThat(h.extractOutputValues()).extracting(c -> c.at).containsExactly(6000L);
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void allowedLatenessKeepsLateEventsInOrder() throws Exception {
    var h = harness(Duration.ofSeconds(2));
    send(h, Probe.event("a", 5000, "r5"));
    h.processWatermark(6000); // 5000 + 2000 not passed yet
    assertThat(h.extractOutputValues()).isEmpty();
    send(h, Probe.event("a", 4500, "r4")); // behind the watermark, within allowed lateness
    send(h, Probe.event("a", 3000, "r3")); // 3000 + 2000 <= 6000: too late
    assertThat(h.numEventTimeTimers()).isEqualTo(2);
    h.processWatermark(7000);

    assertThat(h.extractOutputValues()).extracting(c -> c.at).containsExactly(4500L, 5000L);
    assertThat(h.getSideOutput(StreamDetectionFunction.LATE))
        .extracting(r -> r.getValue().requestId)
        .containsExactly("r3");
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void anApplyIntervalBatchesAnAccountsEventsUnderOneTimerAndKeepsTheirOrder() throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange>(
            new KeyedProcessOperator<>(
                new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1))),
            e -> e.account,
            Types.STRING);
    h.open();
    List<UsageEvent> events =
        List.of(Probe.event("a", 1900, "r3"), Probe.event("a", 1100, "r1"), Probe.event("a", 1500, "r2"),
            Probe.event("a", 2500, "r4"));
    for (UsageEvent e : events) {
      send(h, e);
    }
    assertThat(h.numEventTimeTimers()).as("buckets 2000 and 3000").isEqualTo(2);
    h.processWatermark(1999);
    assertThat(h.extractOutputValues()).isEmpty();
    h.processWatermark(2000);
    assertThat(h.extractOutputValues()).extracting(c -> c.at).containsExactly(1100L, 1500L, 1900L);
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    h.processWatermark(3000);
    assertThat(h.extractOutputValues()).isEqualTo(Probe.expected(RULES, events));
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void repeatedRequestIdsAreAppliedOnce() throws Exception {
    var h = harness(Duration.ZERO);
    send(h, Probe.event("a", 1000, "same"));
    send(h, Probe.event("a", 1000, "same"));
    send(h, Probe.event("a", 1500, "same"));
    h.processWatermark(2000);
    assertThat(h.extractOutputValues()).isEqualTo(Probe.expected(RULES, List.of(Probe.event("a", 1000, "same"))));
    h.close();
  }

  @Test
  void eventsAtTheSameTimeAreOrderedByRequestIdWhateverTheArrival() throws Exception {
    var h = harness(Duration.ZERO);
    List<UsageEvent> events = List.of(Probe.event("a", 1000, "z"), Probe.event("a", 1000, "b"), Probe.event("a", 1000, "m"));
    for (UsageEvent e : events) {
      send(h, e);
    }
    h.processWatermark(1000);
    assertThat(h.extractOutputValues()).isEqualTo(Probe.expected(RULES, events));
    h.close();
  }

  @Test
  void aSnapshotRestoresBufferedEventsTimersAndVerdicts() throws Exception {
    List<UsageEvent> events = Probe.traffic(42, 400, 5, 0.3, 50);
    var h = harness(Duration.ZERO);
    List<VerdictChange> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      send(h, events.get(i));
    }
    h.processWatermark(events.get(150).ts);
    OperatorSubtaskState snapshot = h.snapshot(1, 1);
    out.addAll(h.extractOutputValues());
    h.close();

    var restored = harness0();
    restored.initializeState(snapshot);
    restored.open();
    assertThat(restored.numEventTimeTimers()).isPositive();
    for (int i = 200; i < events.size(); i++) {
      send(restored, events.get(i));
    }
    restored.processWatermark(Long.MAX_VALUE);
    out.addAll(restored.extractOutputValues());
    assertThat(restored.numEventTimeTimers()).isZero();
    assertThat(Probe.sorted(out)).as("seed 42").isEqualTo(Probe.expected(RULES, events));
    restored.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> harness(
      KeyedProcessFunction<String, UsageEvent, VerdictChange> fn, boolean rocksDb) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange>(
            new KeyedProcessOperator<>(fn), e -> e.account, Types.STRING);
    if (rocksDb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    return h;
  }

  /** Sends events with the watermark {@code lagMs} behind the newest event time (none is late). */
  private static void replay(
      KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> h,
      List<UsageEvent> events,
      long lagMs)
      throws Exception {
    long max = Long.MIN_VALUE;
    for (UsageEvent e : events) {
      send(h, e);
      max = Math.max(max, e.ts);
      h.processWatermark(max - lagMs);
    }
  }

  @Test
  void eventsWaitingLongerThanTheBufferSlotsSpanStayInOrder() throws Exception {
    // 30 s of out-of-orderness at a 1 s interval: ~30 intervals pending per account, 8 slots
    List<UsageEvent> events = Probe.traffic(7, 3000, 3, 0.5, 30_000);
    var h =
        harness(
            new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)),
            false);
    h.open();
    replay(h, events, 30_000);
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.getSideOutput(StreamDetectionFunction.LATE)).isNull();
    assertThat(Probe.sorted(h.extractOutputValues())).as("seed 7").isEqualTo(Probe.expected(RULES, events));
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  @Test
  void aRestoreWithOtherLatenessAndIntervalStillAppliesEveryBufferedEvent() throws Exception {
    List<UsageEvent> events = Probe.traffic(11, 1200, 4, 0.3, 3000);
    List<VerdictChange> out =
        acrossRestore(
            new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)),
            new StreamDetectionFunction<>(RULES, Duration.ofMillis(1500), Duration.ofMillis(250), Duration.ofDays(1)),
            events, 600, restored -> {});
    assertThat(Probe.sorted(out)).as("seed 11").isEqualTo(Probe.expected(RULES, events));
  }

  @Test
  void aCheckpointOfTheSingleListLayoutRestoresIntoTheSlots() throws Exception {
    List<UsageEvent> events = Probe.traffic(5, 1000, 4, 0.3, 3000);
    List<VerdictChange> out =
        acrossRestore(
            new LegacyStreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)),
            new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1)),
            events, 500,
            restored -> send(restored, events.get(10))); // a repeat: the restored request ids still drop it
    assertThat(Probe.sorted(out)).as("seed 5").isEqualTo(Probe.expected(RULES, events));
  }

  private interface HarnessStep {
    void apply(KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> h) throws Exception;
  }

  /**
   * Replays the first {@code split} events into {@code before} (RocksDB), snapshots, restores the
   * snapshot into {@code after}, runs {@code onRestore}, replays the rest to the end of time: every
   * change of both runs; no timer may be left.
   */
  private static List<VerdictChange> acrossRestore(
      KeyedProcessFunction<String, UsageEvent, VerdictChange> before,
      KeyedProcessFunction<String, UsageEvent, VerdictChange> after,
      List<UsageEvent> events,
      int split,
      HarnessStep onRestore)
      throws Exception {
    var first = harness(before, true);
    first.open();
    replay(first, events.subList(0, split), 3000);
    OperatorSubtaskState snapshot = first.snapshot(1, 1);
    List<VerdictChange> out = new ArrayList<>(first.extractOutputValues());
    first.close();

    var restored = harness(after, true);
    restored.initializeState(snapshot);
    restored.open();
    onRestore.apply(restored);
    replay(restored, events.subList(split, events.size()), 3000);
    restored.processWatermark(Long.MAX_VALUE);
    out.addAll(restored.extractOutputValues());
    assertThat(restored.numEventTimeTimers()).isZero();
    restored.close();
    return out;
  }

  /** Accounts that have rules state ("account") or a verdict/seq record ("progress"). */
  private static Set<String> keysWith(
      KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> h, String state) {
    try (Stream<String> keys =
        h.getOperator().<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void idleAccountsLoseTheirRulesStateWhileActiveAccountsAreUnaffected() throws Exception {
    long t0 = 1_700_000_000_000L;
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      if (i < 10) {
        events.add(Probe.event("idle", t0 + i * 1000L + 100, "i" + i));
      }
      if (i < 3) {
        events.add(Probe.event("quiet", t0 + i * 1000L + 200, "q" + i)); // 3 events: benign again, seq 3
      }
      events.add(Probe.event("active", t0 + i * 1000L + 500, "a" + i));
    }
    List<UsageEvent> returning =
        List.of(Probe.event("idle", t0 + 70_000, "r1"), Probe.event("idle", t0 + 71_000, "r2"),
            Probe.event("idle", t0 + 72_000, "r3"));
    Map<Boolean, List<VerdictChange>> out = new HashMap<>();
    for (boolean expire : List.of(false, true)) {
      StreamDetectionFunction<OrderProbeRules.State> fn =
          new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofSeconds(1), Duration.ofDays(1));
      if (expire) {
        fn.withIdleStateExpiry(Duration.ofSeconds(20));
      }
      var h = harness(fn, false);
      h.open();
      replay(h, events, 0);
      h.processWatermark(t0 + 60_000);
      if (expire) {
        assertThat(keysWith(h, "account")).as("rules state").containsExactly("active");
        assertThat(keysWith(h, "progress"))
            .as("verdict and seq kept only where they make later changes unique")
            .containsExactly("active", "idle", "quiet");
        assertThat(h.numEventTimeTimers()).as("the active account's expiry timer").isEqualTo(1);
      } else {
        assertThat(keysWith(h, "account")).containsExactly("active", "idle", "quiet");
      }
      replay(h, returning, 0);
      h.processWatermark(Long.MAX_VALUE);
      out.put(expire, Probe.sorted(h.extractOutputValues()));
      h.close();
    }
    List<UsageEvent> firstLife = new ArrayList<>(events);
    assertThat(out.get(false)).isEqualTo(Probe.expected(RULES, concat(events, returning)));
    assertThat(out.get(true).stream().filter(c -> !(c.id.equals("idle") && c.seq > 10)).toList())
        .as("every change but the returning account's is the same as without expiry")
        .isEqualTo(Probe.expected(RULES, firstLife));
    assertThat(out.get(true).stream().filter(c -> c.id.equals("idle") && c.seq > 10).toList())
        .as("the returning account starts from fresh rules state (1 event: suspicious, as it was) and its seq goes on")
        .extracting(c -> c.from + ">" + c.to + "@" + c.seq)
        .containsExactly("suspicious>distillation@11", "distillation>benign@12");
  }

  @Test
  void withoutIdleExpiryNoExpiryTimerIsArmed() throws Exception {
    var h = harness(Duration.ZERO);
    send(h, Probe.event("a", 1000, "r1"));
    h.processWatermark(1000);
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  private static List<UsageEvent> concat(List<UsageEvent> a, List<UsageEvent> b) {
    List<UsageEvent> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, VerdictChange> harness0()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new StreamDetectionFunction<>(RULES, Duration.ZERO, Duration.ofDays(1))),
        e -> e.account,
        Types.STRING);
  }
}
