package io.distillwatch.node.console;

import io.distillwatch.detect.PromptSignals;
import io.distillwatch.event.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per account (keyed): hourly counts of requests, tokens and models by event time, written as running
 * totals at most once a second per account (a replay after restore rewrites the same totals, so the
 * store stays right); and example prompts, at most {@value ExamplePrompts#PER_SIGNAL} per signal the
 * request feeds ({@link PromptSignals}), cut and redacted ({@link ExamplePrompts}) before they leave.
 * Only the {@value #OPEN_HOURS} newest hours of an account are open: an event older than that is not
 * counted (it would overwrite a closed hour's total). Prompts are examined for the first
 * {@value #EXAMINE_FIRST} of an account, then one in {@value #EXAMINE_EVERY}.
 */
public final class ActivityFunction extends KeyedProcessFunction<String, UsageEvent, ConsoleRow> {
  private static final long serialVersionUID = 1L;
  static final long HOUR_MS = 3_600_000L;
  static final int OPEN_HOURS = 6;
  static final int EXAMINE_FIRST = 200;
  static final int EXAMINE_EVERY = 50;
  static final int MAX_MODEL_NAMES = 16;
  static final long FLUSH_MS = 1000;

  private final ActivitySettings settings;
  private final java.time.Duration idleExpiry;
  private transient MapState<Long, HourCounts> hours;
  private transient MapState<String, Integer> slots;
  private transient ValueState<Long> prompts;
  private transient ValueState<Boolean> flushPending;
  private transient PromptSignals promptSignals;
  private transient ExamplePrompts examples;

  /** @param idleExpiry an account's feed state is dropped after this long without events (0: kept) */
  public ActivityFunction(ActivitySettings settings, java.time.Duration idleExpiry) {
    this.settings = settings;
    this.idleExpiry = idleExpiry;
  }

  private <D extends org.apache.flink.api.common.state.StateDescriptor<?, ?>> D expiring(D d) {
    if (!idleExpiry.isZero()) {
      d.enableTimeToLive(org.apache.flink.api.common.state.StateTtlConfig.newBuilder(idleExpiry).build());
    }
    return d;
  }

  /** One open hour's counts (a Flink POJO). */
  public static class HourCounts {
    public long requests;
    public long inputTokens;
    public long outputTokens;
    public String modelNames = "";
    public boolean dirty;

    public HourCounts() {}
  }

  @Override
  public void open(OpenContext ctx) {
    hours = getRuntimeContext().getMapState(expiring(new MapStateDescriptor<>("console-hours", Types.LONG, Types.POJO(HourCounts.class))));
    slots = getRuntimeContext().getMapState(expiring(new MapStateDescriptor<>("console-example-slots", Types.STRING, Types.INT)));
    prompts = getRuntimeContext().getState(expiring(new ValueStateDescriptor<>("console-prompts", Types.LONG)));
    flushPending = getRuntimeContext().getState(new ValueStateDescriptor<>("console-flush", Types.BOOLEAN));
    promptSignals = new PromptSignals();
    examples = new ExamplePrompts(settings.redact());
  }

  @Override
  public void processElement(UsageEvent e, Context ctx, Collector<ConsoleRow> out) throws Exception {
    count(e);
    if (settings.examples()) {
      example(e, out);
    }
    if (!Boolean.TRUE.equals(flushPending.value())) {
      flushPending.update(true);
      ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + FLUSH_MS);
    }
  }

  private void count(UsageEvent e) throws Exception {
    long hour = Math.floorDiv(e.ts, HOUR_MS) * HOUR_MS;
    long newest = hour;
    for (Long h : hours.keys()) {
      newest = Math.max(newest, h);
    }
    if (hour <= newest - OPEN_HOURS * HOUR_MS) {
      return;
    }
    HourCounts c = hours.get(hour);
    if (c == null) {
      c = new HourCounts();
    }
    c.requests++;
    c.inputTokens += e.inputTokens == null ? 0 : e.inputTokens;
    c.outputTokens += e.outputTokens == null ? 0 : e.outputTokens;
    if (e.model != null && !e.model.isEmpty()) {
      Set<String> names = names(c.modelNames);
      if (names.size() < MAX_MODEL_NAMES && names.add(e.model)) {
        c.modelNames = String.join("\n", names);
      }
    }
    c.dirty = true;
    hours.put(hour, c);
  }

  private static Set<String> names(String joined) {
    Set<String> s = new LinkedHashSet<>();
    if (!joined.isEmpty()) {
      s.addAll(List.of(joined.split("\n")));
    }
    return s;
  }

  private void example(UsageEvent e, Collector<ConsoleRow> out) throws Exception {
    if (e.userText == null || e.userText.isBlank()) {
      return;
    }
    long n = prompts.value() == null ? 0 : prompts.value();
    prompts.update(n + 1);
    if (n >= EXAMINE_FIRST && n % EXAMINE_EVERY != 0) {
      return;
    }
    String prepared = null;
    for (String signal : promptSignals.of(e)) {
      Integer used = slots.get(signal);
      int slot = used == null ? 0 : used;
      if (slot >= ExamplePrompts.PER_SIGNAL) {
        continue;
      }
      if (prepared == null) {
        prepared = examples.prepare(e.userText);
      }
      slots.put(signal, slot + 1);
      ConsoleRow r = new ConsoleRow();
      r.example = true;
      r.account = e.account;
      r.signal = signal;
      r.slot = slot;
      r.prompt = prepared;
      r.atMs = e.ts;
      out.collect(r);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ConsoleRow> out) throws Exception {
    flushPending.clear();
    long newest = Long.MIN_VALUE;
    for (Long h : hours.keys()) {
      newest = Math.max(newest, h);
    }
    List<Long> closed = new ArrayList<>();
    List<Map.Entry<Long, HourCounts>> all = new ArrayList<>();
    hours.entries().forEach(all::add);
    for (Map.Entry<Long, HourCounts> entry : all) {
      HourCounts c = entry.getValue();
      if (c.dirty) {
        ConsoleRow r = new ConsoleRow();
        r.account = ctx.getCurrentKey();
        r.hourMs = entry.getKey();
        r.requests = c.requests;
        r.inputTokens = c.inputTokens;
        r.outputTokens = c.outputTokens;
        Set<String> names = names(c.modelNames);
        r.models = names.size();
        r.modelNames = String.join(", ", names);
        out.collect(r);
        c.dirty = false;
        hours.put(entry.getKey(), c);
      }
      if (entry.getKey() <= newest - OPEN_HOURS * HOUR_MS) {
        closed.add(entry.getKey());
      }
    }
    for (Long h : closed) {
      hours.remove(h);
    }
  }
}
