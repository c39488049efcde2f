package io.distillwatch.cluster;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one rule by which a cluster's verdict reaches its members (DESIGN §4), called by {@code scan}
 * ({@link #apply}) and by the node's publishing stage ({@link #inherit}): when the cluster's score —
 * capped below {@code distillation} for an allowlisted member — is higher than the member's own, the
 * member takes that score, the higher of the two verdicts and the earlier flagging time, with a
 * {@value #SIGNAL} signal whose evidence is {@link #evidence}. A light account in a convicted
 * cluster is convicted with it; an allowlisted one stays at {@code suspicious} at most.
 *
 * <p>Disabling {@value #SIGNAL} ({@code --disable-signals}) keeps the clusters but inherits nothing.
 */
public final class ClusterInheritance {
  public static final String SIGNAL = "cluster.member";

  private final DetectionConfig config;
  private final DetectionContext context;

  public ClusterInheritance(DetectionContext context) {
    this.context = context;
    this.config = context.config();
  }

  /** For callers that know allowlisting themselves (the node asks its rules per account). */
  public ClusterInheritance(DetectionConfig config) {
    this.context = null;
    this.config = config;
  }

  /** Where an account or a cluster stands: its score, verdict and when it first reached distillation. */
  public record Standing(double score, Verdict verdict, Long flaggedAt) {}

  /**
   * The member's standing after the rule, and the {@value #SIGNAL} signal when it inherited (null
   * when its own standing holds).
   */
  public record Outcome(Standing standing, Signal signal) {
    public boolean inherited() {
      return signal != null;
    }
  }

  /** The rule itself: {@code own} and {@code cluster} in, the member's standing out. */
  public Outcome inherit(Standing own, Standing cluster, boolean allowlisted, String evidence) {
    if (config.isDisabled(SIGNAL)) {
      return new Outcome(own, null); // ablation: clusters found, not inherited
    }
    double score = cluster.score();
    Verdict verdict = cluster.verdict();
    Long flaggedAt = cluster.flaggedAt();
    if (allowlisted && verdict == Verdict.DISTILLATION) {
      score = Math.min(score, config.distillationThreshold() - config.get("score.allowlist_margin", 0.01));
      verdict = Verdict.SUSPICIOUS;
      flaggedAt = null;
    }
    if (score <= own.score()) {
      return new Outcome(own, null);
    }
    Signal signal = new Signal(SIGNAL, round(cluster.score()), round(score - own.score()), evidence);
    Verdict next = verdict.compareTo(own.verdict()) > 0 ? verdict : own.verdict();
    Long flagged = own.flaggedAt();
    if (flaggedAt != null && (flagged == null || flaggedAt < flagged)) {
      flagged = flaggedAt;
    }
    return new Outcome(new Standing(score, next, flagged), signal);
  }

  /** Applies every scored cluster to its members, in place ({@code scan}'s records). */
  public void apply(List<AccountResult> accounts, List<ClusterResult> clusters) {
    Map<String, ClusterResult> byMember = new HashMap<>();
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
    if (config.isDisabled(SIGNAL)) {
      return;
    }
    Outcome o =
        inherit(
            new Standing(member.score, Verdict.ofCode(member.verdict), member.firstFlaggedAt),
            new Standing(cluster.score, Verdict.ofCode(cluster.verdict), cluster.firstFlaggedAt),
            context.allowlistReason(member.account) != null,
            evidence(cluster));
    if (!o.inherited()) {
      return;
    }
    member.signals.add(0, o.signal());
    member.score = o.standing().score();
    member.verdict = o.standing().verdict().code();
    member.firstFlaggedAt = o.standing().flaggedAt();
  }

  /** The {@value #SIGNAL} evidence of a cluster {@code scan} scored on its members' whole history. */
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
    return evidence(c.cluster, c.accounts.size(), links, c.events, false, c.score, c.verdict, top);
  }

  /**
   * The one {@value #SIGNAL} sentence: which cluster, how many accounts, what links them, what their
   * combined traffic scored and on which signals. {@code sinceLinking} says the requests were counted
   * from when the members were linked (the node), not over their whole history ({@code scan}).
   */
  public static String evidence(String clusterId, int accounts, String links, long events, boolean sinceLinking,
      double score, String verdict, String topSignals) {
    return String.format(Locale.ROOT,
        "member of cluster %s: %d accounts linked by %s; their combined %,d requests%s score %.2f (%s)%s",
        clusterId, accounts, links == null || links.isEmpty() ? "shared evidence" : links, events,
        sinceLinking ? " since linking" : "", score, verdict,
        topSignals == null || topSignals.isEmpty() ? "" : " on " + topSignals);
  }

  private static double round(double v) {
    return Math.round(v * 10_000d) / 10_000d;
  }
}
