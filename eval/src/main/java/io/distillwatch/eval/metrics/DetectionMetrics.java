package io.distillwatch.eval.metrics;

import io.distillwatch.eval.sim.TruthLabel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a {@link Detection} against the {@link Truth}. "Flagged" means verdict {@code distillation};
 * {@code suspicious} is reported separately. Accounts missing from the detection count as benign;
 * accounts the detection lists but the truth does not know are ignored.
 */
public final class DetectionMetrics {
  private DetectionMetrics() {}

  /**
   * @param activity request times per account, for request counts; null leaves them out
   */
  public static MethodResult score(Truth truth, Detection d, AccountActivity activity) {
    Map<String, MethodResult.Campaign> campaigns = new LinkedHashMap<>();
    for (String c : truth.campaigns()) {
      campaigns.put(c, campaign(truth, d, activity, c));
    }
    Map<String, MethodResult.Population> benign = new LinkedHashMap<>();
    for (String p : truth.benignPopulations()) {
      int n = 0;
      int flagged = 0;
      int suspicious = 0;
      for (Map.Entry<String, TruthLabel> e : truth.accounts().entrySet()) {
        if (!e.getValue().isDistillation() && e.getValue().population().equals(p)) {
          n++;
          Detection.AccountVerdict v = d.accounts().get(e.getKey());
          if (v != null && v.flagged()) {
            flagged++;
          } else if (v != null && v.suspicious()) {
            suspicious++;
          }
        }
      }
      benign.put(p, new MethodResult.Population(p, n, flagged, suspicious, ratio(flagged, n), ratio(suspicious, n)));
    }
    int flagged = 0;
    int tp = 0;
    int positives = 0;
    for (Map.Entry<String, TruthLabel> e : truth.accounts().entrySet()) {
      Detection.AccountVerdict v = d.accounts().get(e.getKey());
      boolean f = v != null && v.flagged();
      flagged += f ? 1 : 0;
      if (e.getValue().isDistillation()) {
        positives++;
        tp += f ? 1 : 0;
      }
    }
    Double macro = campaigns.isEmpty() ? null : campaigns.values().stream().mapToDouble(MethodResult.Campaign::recall).average().orElse(0);
    Double maxFpr = benign.isEmpty() ? null : benign.values().stream().mapToDouble(MethodResult.Population::fpr).max().orElse(0);
    return new MethodResult(
        d.label(), d.note(), campaigns, benign, flagged, tp, positives == 0 ? null : ratio(tp, positives), macro,
        flagged == 0 ? null : ratio(tp, flagged), maxFpr, d.eventsPerSecond());
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : a / (double) b;
  }

  private static MethodResult.Campaign campaign(Truth truth, Detection d, AccountActivity activity, String c) {
    List<String> members = new ArrayList<>();
    String population = null;
    for (Map.Entry<String, TruthLabel> e : truth.accounts().entrySet()) {
      if (c.equals(e.getValue().campaign())) {
        members.add(e.getKey());
        population = e.getValue().population();
      }
    }
    int flagged = 0;
    int suspicious = 0;
    List<Long> flagTimes = new ArrayList<>();
    for (String m : members) {
      Detection.AccountVerdict v = d.accounts().get(m);
      if (v != null && v.flagged()) {
        flagged++;
        if (v.firstFlaggedAt() != null) {
          flagTimes.add(v.firstFlaggedAt());
        }
      } else if (v != null && v.suspicious()) {
        suspicious++;
      }
    }
    Collections.sort(flagTimes);

    // the reported cluster holding most of the campaign's accounts (ties: the purer, then the smaller id)
    String bestId = null;
    int bestCount = 0;
    int bestSize = 0;
    java.util.Set<String> memberSet = new java.util.HashSet<>(members);
    for (Detection.Cluster cl : d.clusters()) {
      int count = (int) cl.accounts().stream().filter(memberSet::contains).count();
      int size = cl.accounts().size();
      boolean better =
          count > bestCount
              || (count == bestCount && count > 0 && (long) count * bestSize > (long) bestCount * size)
              || (count == bestCount && count > 0 && (long) count * bestSize == (long) bestCount * size
                  && cl.id().compareTo(bestId) < 0);
      if (better) {
        bestId = cl.id();
        bestCount = count;
        bestSize = size;
      }
    }
    Double share = members.size() < 2 ? null : ratio(bestCount, members.size());
    Double purity = bestCount == 0 ? null : ratio(bestCount, bestSize);

    Long first = truth.firstRequest(c);
    if (first == null && activity != null) {
      first = members.stream().map(activity::times).filter(a -> a.length > 0).map(a -> a[0]).min(Long::compare).orElse(null);
    }
    Double toFirst = null;
    Double toHalf = null;
    if (first != null && !flagTimes.isEmpty()) {
      toFirst = Math.max(0, flagTimes.get(0) - first) / 1000.0;
      int half = (members.size() + 1) / 2;
      if (flagTimes.size() >= half) {
        toHalf = Math.max(0, flagTimes.get(half - 1) - first) / 1000.0;
      }
    }
    Long requests = null;
    Long before = null;
    Long beforeFirst = null;
    if (activity != null) {
      long r = 0;
      long b = 0;
      long bf = 0;
      Long firstFlag = flagTimes.isEmpty() ? null : flagTimes.get(0);
      for (String m : members) {
        r += activity.times(m).length;
        Detection.AccountVerdict v = d.accounts().get(m);
        b += activity.before(m, v != null && v.flagged() ? v.firstFlaggedAt() : null);
        bf += activity.before(m, firstFlag);
      }
      requests = r;
      before = b;
      beforeFirst = bf;
    }
    return new MethodResult.Campaign(
        c, population, members.size(), flagged, suspicious, ratio(flagged, members.size()),
        ratio(flagged + suspicious, members.size()), bestId, share, purity, toFirst, toHalf, requests, before, beforeFirst);
  }
}
