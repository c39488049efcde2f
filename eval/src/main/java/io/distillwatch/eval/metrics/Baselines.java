package io.distillwatch.eval.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baselines a security team would try first, each given its best threshold with hindsight: the lowest
 * threshold at which every benign population's false-positive rate stays at or below {@link #MAX_FPR}
 * (0.1%), which maximises recall since recall only falls as the threshold rises.
 *
 * <ul>
 *   <li>rate limit per hour / per day: flag an account whose requests in one UTC clock hour (day) exceed
 *       the threshold, at the moment it does;
 *   <li>volume z-score: z of log(1 + total requests) over all accounts; flagged at the end of the data.
 * </ul>
 */
public final class Baselines {
  /** The false-positive budget in every benign population. */
  public static final double MAX_FPR = 0.001;

  private Baselines() {}

  public static List<Detection> all(Truth truth, AccountActivity activity) {
    List<Detection> out = new ArrayList<>();
    out.add(rateLimit(truth, activity, 3_600_000L, "rate limit (requests/hour)"));
    out.add(rateLimit(truth, activity, 86_400_000L, "rate limit (requests/day)"));
    out.add(volumeZScore(truth, activity));
    return out;
  }

  /** The largest count in any aligned window of {@code windowMs}. */
  static int maxPerWindow(long[] sorted, long windowMs) {
    int best = 0;
    int run = 0;
    long bucket = Long.MIN_VALUE;
    for (long t : sorted) {
      long b = Math.floorDiv(t, windowMs);
      run = b == bucket ? run + 1 : 1;
      bucket = b;
      best = Math.max(best, run);
    }
    return best;
  }

  /** When the account's count in one window first exceeds {@code threshold}, or null. */
  static Long firstExceeding(long[] sorted, long windowMs, double threshold) {
    int run = 0;
    long bucket = Long.MIN_VALUE;
    for (long t : sorted) {
      long b = Math.floorDiv(t, windowMs);
      run = b == bucket ? run + 1 : 1;
      bucket = b;
      if (run > threshold) {
        return t;
      }
    }
    return null;
  }

  /**
   * The smallest threshold T such that, in every benign population, at most ⌊{@link #MAX_FPR} × size⌋
   * accounts have a score strictly above T.
   */
  static double hindsightThreshold(Truth truth, Map<String, Double> score) {
    Map<String, List<Double>> byPop = new TreeMap<>();
    truth.accounts().forEach((acct, l) -> {
      if (!l.isDistillation()) {
        byPop.computeIfAbsent(l.population(), k -> new ArrayList<>()).add(score.getOrDefault(acct, 0.0));
      }
    });
    double t = Double.NEGATIVE_INFINITY;
    for (List<Double> values : byPop.values()) {
      values.sort((a, b) -> Double.compare(b, a));
      int allowed = (int) Math.floor(MAX_FPR * values.size());
      if (allowed < values.size()) {
        t = Math.max(t, values.get(allowed));
      }
    }
    return t;
  }

  static Detection rateLimit(Truth truth, AccountActivity activity, long windowMs, String label) {
    Map<String, Double> score = new HashMap<>();
    for (String acct : truth.accounts().keySet()) {
      score.put(acct, (double) maxPerWindow(activity.times(acct), windowMs));
    }
    double threshold = hindsightThreshold(truth, score);
    Map<String, Detection.AccountVerdict> verdicts = new TreeMap<>();
    for (String acct : truth.accounts().keySet()) {
      boolean flagged = score.get(acct) > threshold;
      verdicts.put(
          acct,
          new Detection.AccountVerdict(
              flagged ? "distillation" : "benign",
              flagged ? firstExceeding(activity.times(acct), windowMs, threshold) : null,
              null));
    }
    return new Detection(label, verdicts, List.of(), null, "threshold > " + fmt(threshold));
  }

  static Detection volumeZScore(Truth truth, AccountActivity activity) {
    Map<String, Double> logVolume = new HashMap<>();
    double sum = 0;
    for (String acct : truth.accounts().keySet()) {
      double v = Math.log1p(activity.times(acct).length);
      logVolume.put(acct, v);
      sum += v;
    }
    int n = Math.max(1, logVolume.size());
    double mean = sum / n;
    double var = 0;
    for (double v : logVolume.values()) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / n);
    Map<String, Double> z = new HashMap<>();
    logVolume.forEach((k, v) -> z.put(k, sd == 0 ? 0 : (v - mean) / sd));
    double threshold = hindsightThreshold(truth, z);
    Long end = activity.lastTime();
    Map<String, Detection.AccountVerdict> verdicts = new TreeMap<>();
    for (String acct : truth.accounts().keySet()) {
      boolean flagged = z.get(acct) > threshold;
      verdicts.put(acct, new Detection.AccountVerdict(flagged ? "distillation" : "benign", flagged ? end : null, null));
    }
    return new Detection("volume z-score", verdicts, List.of(), null, "z > " + fmt(threshold));
  }

  private static String fmt(double v) {
    return Double.isInfinite(v) ? String.valueOf(v) : String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
