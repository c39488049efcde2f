package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.UsageEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Test traffic and the expected verdict changes computed without Flink (events sorted, rules applied). */
final class Probe {
  private Probe() {}

  static UsageEvent event(String account, long ts, String requestId) {
    UsageEvent e = new UsageEvent();
    e.account = account;
    e.ts = ts;
    e.requestId = requestId;
    e.userText = "probe";
    e.userTurns = 1;
    return e;
  }

  /**
   * {@code n} events over {@code accounts} accounts, in arrival order: event time increases by 0–9 ms a
   * step, then each event is displaced by up to {@code jitterMs} (out of order, within the bound).
   * {@code skew} > 0 sends that share of events to one account.
   */
  static List<UsageEvent> traffic(long seed, int n, int accounts, double skew, long jitterMs) {
    Random rnd = new Random(seed);
    List<UsageEvent> out = new ArrayList<>(n);
    long t = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      t += rnd.nextInt(10);
      String account = rnd.nextDouble() < skew ? "acct-hot" : "acct-" + rnd.nextInt(accounts);
      long ts = t - (jitterMs == 0 ? 0 : rnd.nextInt((int) jitterMs));
      out.add(event(account, Math.max(ts, 1_700_000_000_000L), "req-" + seed + "-" + i));
    }
    return out;
  }

  /** The changes an in-order application of {@code events} yields, per account, by (id, seq). */
  static List<VerdictChange> expected(OrderProbeRules rules, List<UsageEvent> events) {
    Map<String, List<UsageEvent>> byAccount = new TreeMap<>();
    for (UsageEvent e : events) {
      byAccount.computeIfAbsent(e.account, k -> new ArrayList<>()).add(e);
    }
    List<VerdictChange> out = new ArrayList<>();
    for (Map.Entry<String, List<UsageEvent>> entry : byAccount.entrySet()) {
      List<UsageEvent> list = new ArrayList<>(entry.getValue());
      list.sort(Comparator.comparingLong((UsageEvent e) -> e.ts).thenComparing(e -> e.requestId));
      OrderProbeRules.State s = rules.newState(entry.getKey());
      String verdict = "benign";
      long seq = 0;
      for (UsageEvent e : list) {
        rules.update(s, e);
        Assessment a = rules.assess(s);
        if (!a.verdict().code().equals(verdict)) {
          out.add(new VerdictChange("account", entry.getKey(), verdict, a.verdict().code(), a.score(),
              e.ts, VerdictChange.signalsJson(rules.explain(s)), ++seq));
          verdict = a.verdict().code();
        }
      }
    }
    return sorted(out);
  }

  static List<VerdictChange> sorted(List<VerdictChange> changes) {
    List<VerdictChange> out = new ArrayList<>(changes);
    out.sort(Comparator.comparing((VerdictChange c) -> c.id).thenComparingLong(c -> c.seq));
    return out;
  }
}
