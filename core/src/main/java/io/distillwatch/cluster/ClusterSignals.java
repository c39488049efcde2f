package io.distillwatch.cluster;

import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signals only a cluster has, added to the score of its combined traffic (docs/clustering.md). Their
 * evidence units add to the detector's: {@code score = 1 - exp(-(E + sum of these))}, where E is the
 * combined traffic's evidence ({@code -ln(1 - score)}).
 *
 * <ul>
 *   <li>{@code cluster.account_spread}: many light accounts under common control, mostly unverified —
 *       the shape of an operator spreading traffic to stay under per-account limits. Fires from
 *       {@value #SPREAD_MIN_ACCOUNTS} members whose median member sent at most {@value
 *       #SPREAD_MAX_MEDIAN_SHARE} of the cluster's requests; weight 0.15 at 20 members rising to
 *       {@value #SPREAD_WEIGHT} at 60.
 *   <li>{@code cluster.shared_template}: the share of members linked by one prompt template (each
 *       using it for most of its own prompts); weight {@value #TEMPLATE_WEIGHT} × share, from a share
 *       of 0.3.
 *   <li>{@code cluster.creation_burst}: the share of members created in bursts with the same e-mail
 *       domain and sign-up path; weight {@value #BURST_WEIGHT} × share, from a share of 0.3.
 * </ul>
 * Allowlisted and verified-majority clusters get none of them.
 */
public final class ClusterSignals {
  static final int SPREAD_MIN_ACCOUNTS = 20;
  static final double SPREAD_MAX_MEDIAN_SHARE = 0.05;
  static final double SPREAD_WEIGHT = 0.3;
  static final double TEMPLATE_WEIGHT = 0.3;
  static final double BURST_WEIGHT = 0.2;
  static final double MIN_SHARE = 0.3;

  private final DetectionContext context;

  public ClusterSignals(DetectionContext context) {
    this.context = context;
  }

  /** Adds the cluster-only signals to every cluster and re-derives score and verdict. */
  public void apply(List<ClusterResult> clusters, Map<String, AccountResult> accounts) {
    for (ClusterResult c : clusters) {
      apply(c, accounts);
    }
  }

  void apply(ClusterResult c, Map<String, AccountResult> accounts) {
    int n = c.accounts.size();
    int verified = 0;
    long[] events = new long[n];
    for (int i = 0; i < n; i++) {
      String member = c.accounts.get(i);
      AccountInfo info = context.account(member);
      if (info != null && Boolean.TRUE.equals(info.verified)) {
        verified++;
      }
      if (context.allowlistReason(member) != null) {
        return;
      }
      AccountResult r = accounts.get(member);
      events[i] = r == null ? 0 : r.events;
    }
    if (verified * 2 >= n) {
      return;
    }
    List<Signal> added = new ArrayList<>();
    long total = Arrays.stream(events).sum();
    Arrays.sort(events);
    double medianShare = total == 0 ? 1 : (double) events[n / 2] / total;
    if (n >= SPREAD_MIN_ACCOUNTS && medianShare <= SPREAD_MAX_MEDIAN_SHARE) {
      double w = SPREAD_WEIGHT * Math.min(1, 0.5 + 0.5 * (n - SPREAD_MIN_ACCOUNTS) / 40.0);
      added.add(new Signal("cluster.account_spread", n, w, String.format(Locale.ROOT,
          "%d linked accounts share %,d requests; the median account sent %,d (%.1f%%), and %d of %d are unverified",
          n, total, events[n / 2], 100 * medianShare, n - verified, n)));
    }
    shareSignal(c, "template", "cluster.shared_template", TEMPLATE_WEIGHT,
        "%d of %d members (%.0f%%) are linked by a prompt template that carries most of their own prompts",
        added);
    shareSignal(c, "creation_burst", "cluster.creation_burst", BURST_WEIGHT,
        "%d of %d members (%.0f%%) were created in bursts with the same e-mail domain and sign-up path",
        added);
    if (added.isEmpty()) {
      return;
    }
    double extra = 0;
    for (Signal s : added) {
      extra += s.contribution;
    }
    double evidence = -Math.log(Math.max(1e-9, 1 - c.score)) + extra;
    c.score = Math.min(1, 1 - Math.exp(-evidence));
    Verdict v = context.config().verdict(c.score);
    if (v == Verdict.DISTILLATION && c.firstFlaggedAt == null) {
      c.firstFlaggedAt = firstReached(c, extra);
    }
    c.verdict = v.code();
    List<Signal> all = new ArrayList<>(added);
    all.addAll(c.signals);
    c.signals = all;
  }

  private static void shareSignal(ClusterResult c, String kind, String id, double weight, String text,
      List<Signal> out) {
    for (ClusterResult.Link l : c.links) {
      if (kind.equals(l.kind)) {
        double share = (double) l.accounts / c.accounts.size();
        if (share >= MIN_SHARE) {
          out.add(new Signal(id, share, weight * share,
              String.format(Locale.ROOT, text, l.accounts, c.accounts.size(), 100 * share)));
        }
      }
    }
  }

  /**
   * When the combined traffic alone first reached the score that, with the cluster-only evidence,
   * meets the distillation threshold (to the whole percent above it).
   */
  private Long firstReached(ClusterResult c, double extra) {
    double needed = 1 - Math.exp(-(-Math.log(1 - context.config().distillationThreshold()) - extra));
    int percent = Math.max(0, (int) Math.ceil(needed * 100 - 1e-9));
    if (c.firstAtPercent == null || percent > 100 || c.firstAtPercent[percent] == Long.MIN_VALUE) {
      return null;
    }
    return c.firstAtPercent[percent];
  }

}
