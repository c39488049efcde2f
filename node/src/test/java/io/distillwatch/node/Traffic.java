package io.distillwatch.node;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.flink.stream.VerdictChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Canonical test events, arriving slightly out of order, and the verdict changes they must yield. */
public final class Traffic {
  public static final long START = 1_700_000_000_000L;

  private Traffic() {}

  /** One test event. */
  public record Ev(String account, long ts, String requestId) {
    public String json() {
      return "{\"ts\":" + ts + ",\"account\":\"" + account + "\",\"request_id\":\"" + requestId
          + "\",\"prompt\":\"probe\"}";
    }

    public String[] keyValue() {
      return new String[] {account, json()};
    }
  }

  /**
   * {@code n} events over {@code accounts} accounts (share {@code skew} on one hot account); event time
   * steps 0–9 ms and each event is displaced by up to {@code jitterMs}.
   */
  public static List<Ev> events(long seed, int n, int accounts, double skew, int jitterMs) {
    Random rnd = new Random(seed);
    List<Ev> out = new ArrayList<>(n);
    long t = START;
    for (int i = 0; i < n; i++) {
      t += rnd.nextInt(10);
      String account = rnd.nextDouble() < skew ? "acct-hot" : "acct-" + rnd.nextInt(accounts);
      long ts = Math.max(START, t - (jitterMs == 0 ? 0 : rnd.nextInt(jitterMs)));
      out.add(new Ev(account, ts, "req-" + seed + "-" + i));
    }
    return out;
  }

  public static List<String[]> keyValues(List<Ev> events) {
    return events.stream().map(Ev::keyValue).toList();
  }

  /** One event far in the future for a partition, so the watermark passes every real event. */
  public static String[] flush(int partition) {
    return new Ev("zz-flush-" + partition, START + 24 * 3_600_000L, "flush-" + partition).keyValue();
  }

  /** The changes an in-order application of {@code events} yields, as JSON, sorted by id and seq. */
  public static List<String> expected(OrderProbeRules rules, List<Ev> events) {
    Map<String, List<Ev>> byAccount = new TreeMap<>();
    for (Ev e : events) {
      byAccount.computeIfAbsent(e.account(), k -> new ArrayList<>()).add(e);
    }
    List<VerdictChange> out = new ArrayList<>();
    for (Map.Entry<String, List<Ev>> entry : byAccount.entrySet()) {
      List<Ev> list = new ArrayList<>(entry.getValue());
      list.sort(Comparator.comparingLong(Ev::ts).thenComparing(Ev::requestId));
      OrderProbeRules.State s = rules.newState(entry.getKey());
      String verdict = "benign";
      long seq = 0;
      for (Ev e : list) {
        UsageEvent u = new UsageEvent();
        u.account = e.account();
        u.ts = e.ts();
        u.requestId = e.requestId();
        rules.update(s, u);
        Assessment a = rules.assess(s);
        if (!a.verdict().code().equals(verdict)) {
          out.add(new VerdictChange("account", e.account(), verdict, a.verdict().code(), a.score(), e.ts(),
              VerdictChange.signalsJson(rules.explain(s)), ++seq));
          verdict = a.verdict().code();
        }
      }
    }
    return sortedJson(out);
  }

  public static List<String> sortedJson(List<VerdictChange> changes) {
    List<VerdictChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparing((VerdictChange c) -> c.id).thenComparingLong(c -> c.seq));
    return sorted.stream().map(VerdictChange::toJson).toList();
  }
}
