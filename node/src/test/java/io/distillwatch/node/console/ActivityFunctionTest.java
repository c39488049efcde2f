package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The console feed's keyed function, through Flink's operator harness: output, state and timers. */
class ActivityFunctionTest {
  private static final long H = ActivityFunction.HOUR_MS;
  private static final long T0 = 1_764_000_000_000L / H * H;

  private static KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, ConsoleRow> harness(ActivitySettings s) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ActivityFunction(s, Duration.ofDays(30))), (UsageEvent e) -> e.account, Types.STRING);
    h.open();
    return h;
  }

  private static UsageEvent event(String account, long ts, String model, String prompt) {
    UsageEvent e = new UsageEvent();
    e.account = account;
    e.ts = ts;
    e.model = model;
    e.userText = prompt;
    e.userTurns = 1;
    e.inputTokens = 10L;
    e.outputTokens = 100L;
    return e;
  }

  private static List<ConsoleRow> rows(KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, ConsoleRow> h) {
    return h.extractOutputValues();
  }

  @Test
  void hourlyTotalsAreWrittenOnTheFlushTimerAsRunningTotals() throws Exception {
    var h = harness(ActivitySettings.defaults());
    h.setProcessingTime(0);
    h.processElement(new StreamRecord<>(event("a", T0 + 10, "m1", null)));
    h.processElement(new StreamRecord<>(event("a", T0 + 20, "m2", null)));
    h.processElement(new StreamRecord<>(event("a", T0 + H + 5, "m1", null)));
    assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
    assertThat(rows(h)).isEmpty();
    h.setProcessingTime(ActivityFunction.FLUSH_MS);
    Map<Long, ConsoleRow> byHour = rows(h).stream().collect(Collectors.toMap(r -> r.hourMs, r -> r, (x, y) -> y, TreeMap::new));
    assertThat(byHour.get(T0).requests).isEqualTo(2);
    assertThat(byHour.get(T0).outputTokens).isEqualTo(200);
    assertThat(byHour.get(T0).models).isEqualTo(2);
    assertThat(byHour.get(T0).modelNames).isEqualTo("m1, m2");
    assertThat(byHour.get(T0 + H).requests).isEqualTo(1);

    h.processElement(new StreamRecord<>(event("a", T0 + 30, "m1", null)));
    h.setProcessingTime(2 * ActivityFunction.FLUSH_MS);
    ConsoleRow last = rows(h).get(rows(h).size() - 1);
    assertThat(last.hourMs).isEqualTo(T0);
    assertThat(last.requests).as("a running total, so a replay rewrites the same value").isEqualTo(3);
    assertThat(rows(h).stream().filter(r -> r.hourMs == T0 + H)).hasSize(1); // only dirty hours are written again
  }

  @Test
  void hoursBeyondTheOpenWindowAreDroppedFromStateAndNotRecountedByLateEvents() throws Exception {
    var h = harness(ActivitySettings.defaults());
    h.processElement(new StreamRecord<>(event("a", T0, "m", null)));
    h.processElement(new StreamRecord<>(event("a", T0 + (ActivityFunction.OPEN_HOURS + 1) * H, "m", null)));
    h.setProcessingTime(ActivityFunction.FLUSH_MS);
    int before = rows(h).size();
    h.processElement(new StreamRecord<>(event("a", T0 + 1, "m", null))); // late for a closed hour
    h.setProcessingTime(3 * ActivityFunction.FLUSH_MS);
    assertThat(rows(h).subList(before, rows(h).size())).isEmpty();
    assertThat(h.numKeyedStateEntries()).isPositive();
  }

  @Test
  void atMostFiveExamplePromptsPerSignalAndNoneWhenTurnedOff() throws Exception {
    var h = harness(ActivitySettings.defaults());
    for (int i = 0; i < 20; i++) {
      h.processElement(new StreamRecord<>(event("a", T0 + i, "m", "Explain step by step how to compute " + i + " squared")));
    }
    List<ConsoleRow> examples = rows(h).stream().filter(r -> r.example).toList();
    Map<String, Long> perSignal = examples.stream().collect(Collectors.groupingBy(r -> r.signal, Collectors.counting()));
    assertThat(perSignal).containsEntry("elicitation.cot", 5L).containsEntry("structure.template_concentration", 5L);
    assertThat(examples).allSatisfy(r -> assertThat(r.prompt.length()).isLessThanOrEqualTo(ExamplePrompts.MAX_CHARS));
    assertThat(examples.stream().map(r -> r.slot).distinct().sorted().toList()).containsExactly(0, 1, 2, 3, 4);

    var off = harness(new ActivitySettings(false, false, Duration.ofDays(1), Duration.ofDays(1)));
    off.processElement(new StreamRecord<>(event("a", T0, "m", "Explain step by step")));
    off.setProcessingTime(ActivityFunction.FLUSH_MS);
    assertThat(rows(off)).noneMatch(r -> r.example);
  }
}
