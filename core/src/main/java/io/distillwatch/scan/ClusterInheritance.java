package io.distillwatch.scan;

import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Members carry their cluster: its id always, and when the cluster's combined traffic scored higher
 * than the member alone, the member takes that score and verdict with a {@code cluster.member} signal
 * explaining where it came from — so a light account in a convicted cluster is convicted with it.
 * Allowlisted members stay capped at {@code suspicious}.
 */
public final class ClusterInheritance {
  public static final String SIGNAL = "cluster.member";

  private final DetectionContext context;

  public ClusterInheritance(DetectionContext context) {
    this.context = context;
  }

  /** Applies every scored cluster to its members, in place. */
  public void apply(List<AccountResult> accounts, List<ClusterResult> clusters) {
    Map<String, ClusterResult> byMember = new java.util.HashMap<>();
    for (ClusterResult c : clusters) {
      for (String member : c.accounts) {
        byMember.put(member, c);
      }
    }
    for (AccountResult a : accounts) {
      ClusterResult c = byMember.get(a.account);
      if (c != null) {
        inherit(a, c);
      }
    }
  }

  void inherit(AccountResult member, ClusterResult cluster) {
    member.cluster = cluster.cluster;
    if (context.config().isDisabled(SIGNAL)) {
      return; // ablation: clusters found, not inherited
    }
    double score = cluster.score;
    Verdict verdict = Verdict.ofCode(cluster.verdict);
    Long flaggedAt = cluster.firstFlaggedAt;
    if (context.allowlistReason(member.account) != null && verdict == Verdict.DISTILLATION) {
      score = Math.min(score, context.config().distillationThreshold() - context.config().get("score.allowlist_margin", 0.01));
      verdict = Verdict.SUSPICIOUS;
      flaggedAt = null;
    }
    if (score <= member.score) {
      return;
    }
    member.signals.add(0, new Signal(SIGNAL, round(cluster.score), round(score - member.score), evidence(cluster)));
    member.score = score;
    if (verdict.compareTo(Verdict.ofCode(member.verdict)) > 0) {
      member.verdict = verdict.code();
    }
    if (flaggedAt != null && (member.firstFlaggedAt == null || flaggedAt < member.firstFlaggedAt)) {
      member.firstFlaggedAt = flaggedAt;
    }
  }

  static String evidence(ClusterResult c) {
    String links =
        c.links.stream()
            .limit(4)
            .map(l -> l.kind + " (" + l.count + " pairs)")
            .collect(Collectors.joining(", "));
    String top =
        c.signals.stream()
            .filter(s -> s.contribution > 0)
            .limit(3)
            .map(s -> s.id)
            .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT,
        "member of cluster %s: %d accounts linked by %s; their combined %,d requests score %.2f (%s)%s",
        c.cluster, c.accounts.size(), links.isEmpty() ? "shared evidence" : links, c.events, c.score,
        c.verdict, top.isEmpty() ? "" : " on " + top);
  }

  private static double round(double v) {
    return Math.round(v * 10_000d) / 10_000d;
  }
}
