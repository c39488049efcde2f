package io.distillwatch.eval.calibrate;

import io.distillwatch.eval.sim.TruthLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the scorer's group weights, context cap and distillation threshold to labelled accounts by a
 * monotone coordinate search (docs/evaluation.md, "Calibration"): starting from the scan's configuration,
 * each pass tries every grid value of one coordinate at a time with the others fixed and keeps a value
 * only when it strictly improves, in this order: (1) every benign population within its FPR budget at
 * the threshold lowered by the safety margin (fewest excess false positives first), (2) macro recall over
 * campaigns, (3) overall recall, (4) the smallest change from the starting point (regularisation). Passes
 * repeat until one changes nothing. Pure: re-scores the evidence a scan recorded.
 */
public final class Calibrator {
  static final double[] MULTIPLIERS = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4};
  static final double[] CAP_FACTORS = {0.5, 0.75, 1, 1.25, 1.5, 2, 3};
  static final double[] THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
  static final int MAX_PASSES = 10;

  /** What is fitted: a weight multiplier per {@link Evidence#GROUPS} entry, the context cap, the threshold. */
  public record Setting(double[] multipliers, double contextCap, double threshold) {
    Setting with(int coordinate, double value) {
      double[] m = multipliers.clone();
      if (coordinate < m.length) {
        m[coordinate] = value;
        return new Setting(m, contextCap, threshold);
      }
      return coordinate == m.length ? new Setting(m, value, threshold) : new Setting(m, contextCap, value);
    }

    double distance(Setting from) {
      double d = 0;
      for (int i = 0; i < multipliers.length; i++) {
        d += Math.abs(multipliers[i] - from.multipliers[i]);
      }
      return d + Math.abs(contextCap - from.contextCap) / from.contextCap + Math.abs(threshold - from.threshold);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Setting s && Arrays.equals(multipliers, s.multipliers) && contextCap == s.contextCap
          && threshold == s.threshold;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(multipliers) * 31 + Double.hashCode(contextCap) * 7 + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < multipliers.length; i++) {
        sb.append(Evidence.GROUPS.get(i)).append(" x").append(fmt(multipliers[i])).append(", ");
      }
      return sb + "context cap " + fmt(contextCap) + ", threshold " + fmt(threshold);
    }
  }

  /**
   * Recall per campaign and false positives per benign population under one setting.
   *
   * @param flaggedBenign per population: flagged at the threshold lowered by the margin, and its size
   */
  public record Outcome(
      Map<String, Double> recall, double macroRecall, double overallRecall, Map<String, int[]> flaggedBenign,
      int excessFalsePositives) {
    public boolean feasible() {
      return excessFalsePositives == 0;
    }
  }

  /** The options of a fit. */
  public record Options(double fprBudget, double margin) {
    public static final Options DEFAULT = new Options(0.001, 0.05);
  }

  /** A fit: where it started, where it ended, how it scored, and how faithfully re-scoring replays the scan. */
  public record Fit(Setting start, Setting fitted, Outcome before, Outcome after, double agreement, int passes,
      List<String> steps) {}

  private final ScanEvidence scan;
  private final Map<String, TruthLabel> labels;
  private final Options options;

  Calibrator(ScanEvidence scan, Map<String, TruthLabel> labels, Options options) {
    this.scan = scan;
    this.labels = labels;
    this.options = options;
  }

  /** The scan's own configuration as a setting (every multiplier 1). */
  Setting start() {
    double[] m = new double[Evidence.GROUPS.size()];
    Arrays.fill(m, 1);
    return new Setting(m, scan.config.getOrDefault("score.context_cap", 0.8),
        scan.config.getOrDefault("verdict.distillation", 0.8));
  }

  Fit fit() {
    Setting start = start();
    Setting best = start;
    Outcome bestOutcome = measure(best);
    List<String> steps = new ArrayList<>();
    int coordinates = Evidence.GROUPS.size() + 2;
    int passes = 0;
    boolean changed = true;
    while (changed && passes < MAX_PASSES) {
      changed = false;
      passes++;
      for (int c = 0; c < coordinates; c++) {
        for (double v : grid(c, start)) {
          Setting candidate = best.with(c, v);
          if (candidate.equals(best)) {
            continue;
          }
          Outcome o = measure(candidate);
          if (better(o, candidate, bestOutcome, best, start)) {
            best = candidate;
            bestOutcome = o;
            changed = true;
            steps.add(String.format(Locale.ROOT, "pass %d: %s = %s -> macro recall %.3f, excess FP %d", passes,
                coordinateName(c), fmt(v), o.macroRecall(), o.excessFalsePositives()));
          }
        }
      }
    }
    return new Fit(start, best, measure(start), bestOutcome, agreement(start), passes, steps);
  }

  private static double[] grid(int coordinate, Setting start) {
    if (coordinate < Evidence.GROUPS.size()) {
      return MULTIPLIERS;
    }
    if (coordinate == Evidence.GROUPS.size()) {
      return Arrays.stream(CAP_FACTORS).map(f -> f * start.contextCap()).toArray();
    }
    return THRESHOLDS;
  }

  static String coordinateName(int c) {
    if (c < Evidence.GROUPS.size()) {
      return Evidence.GROUPS.get(c) + " weights";
    }
    return c == Evidence.GROUPS.size() ? "score.context_cap" : "verdict.distillation";
  }

  private static boolean better(Outcome o, Setting s, Outcome best, Setting bestSetting, Setting start) {
    if (o.excessFalsePositives() != best.excessFalsePositives()) {
      return o.excessFalsePositives() < best.excessFalsePositives();
    }
    if (Math.abs(o.macroRecall() - best.macroRecall()) > 1e-12) {
      return o.macroRecall() > best.macroRecall();
    }
    if (Math.abs(o.overallRecall() - best.overallRecall()) > 1e-12) {
      return o.overallRecall() > best.overallRecall();
    }
    return s.distance(start) < bestSetting.distance(start) - 1e-12;
  }

  /** Scores every labelled account under a setting. */
  Outcome measure(Setting s) {
    Map<String, Double> clusterScores = new TreeMap<>();
    scan.clusters.forEach((id, ev) -> clusterScores.put(id, Evidence.score(ev.evidence(s.multipliers(), s.contextCap()))));
    Map<String, int[]> campaigns = new TreeMap<>();
    Map<String, int[]> benign = new TreeMap<>();
    int tp = 0;
    int positives = 0;
    for (Map.Entry<String, TruthLabel> e : labels.entrySet()) {
      double score = score(e.getKey(), s, clusterScores);
      TruthLabel l = e.getValue();
      if (l.isDistillation()) {
        boolean flagged = score >= s.threshold();
        int[] c = campaigns.computeIfAbsent(l.campaign() == null ? Labels.ALL_DISTILLATION : l.campaign(), k -> new int[2]);
        c[0] += flagged ? 1 : 0;
        c[1]++;
        tp += flagged ? 1 : 0;
        positives++;
      } else {
        int[] p = benign.computeIfAbsent(l.population(), k -> new int[2]);
        p[0] += score >= s.threshold() - options.margin() ? 1 : 0;
        p[1]++;
      }
    }
    Map<String, Double> recall = new TreeMap<>();
    campaigns.forEach((k, v) -> recall.put(k, v[0] / (double) v[1]));
    double macro = recall.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    int excess = 0;
    for (int[] p : benign.values()) {
      int allowed = (int) Math.floor(options.fprBudget() * p[1] + 1e-9);
      excess += Math.max(0, p[0] - allowed);
    }
    return new Outcome(recall, macro, positives == 0 ? 0 : tp / (double) positives, benign, excess);
  }

  /** An account's re-scored score: its own, or its cluster's when higher; allowlisted ones stay below. */
  double score(String account, Setting s, Map<String, Double> clusterScores) {
    Evidence own = scan.accounts.get(account);
    if (own == null) {
      return 0;
    }
    double score = Evidence.score(own.evidence(s.multipliers(), s.contextCap()));
    String cluster = scan.clusterOf.get(account);
    if (cluster != null && !scan.inheritanceDisabled && clusterScores.containsKey(cluster)) {
      score = Math.max(score, clusterScores.get(cluster));
    }
    return own.allowlisted ? Math.min(score, s.threshold() - 0.01) : score;
  }

  /** Share of scanned, labelled accounts whose re-scored verdict (flagged or not) matches the scan's own. */
  double agreement(Setting s) {
    Map<String, Double> clusterScores = new TreeMap<>();
    scan.clusters.forEach((id, ev) -> clusterScores.put(id, Evidence.score(ev.evidence(s.multipliers(), s.contextCap()))));
    int same = 0;
    int n = 0;
    for (String a : labels.keySet()) {
      String v = scan.verdicts.get(a);
      if (v == null) {
        continue;
      }
      n++;
      boolean flagged = score(a, s, clusterScores) >= s.threshold();
      same += flagged == v.equals("distillation") ? 1 : 0;
    }
    return n == 0 ? 1 : same / (double) n;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
