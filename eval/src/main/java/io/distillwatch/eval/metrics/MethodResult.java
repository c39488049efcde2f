package io.distillwatch.eval.metrics;

import java.util.Map;

/**
 * The scores of one method against the truth. Rates are fractions in [0, 1]; times are seconds of event
 * time; a value is null when it cannot be computed (e.g. precision with nothing flagged).
 *
 * @param recall distillation accounts flagged / distillation accounts
 * @param macroRecall mean of the per-campaign recalls
 * @param precision flagged accounts that are distillation / flagged accounts
 * @param maxFpr the highest false-positive rate over the benign populations
 */
public record MethodResult(
    String method,
    String note,
    Map<String, Campaign> campaigns,
    Map<String, Population> benign,
    int flagged,
    int truePositives,
    Double recall,
    Double macroRecall,
    Double precision,
    Double maxFpr,
    Double eventsPerSecond) {

  /**
   * One campaign's scores.
   *
   * @param recall accounts with verdict distillation / campaign accounts
   * @param recallWithSuspicious accounts with verdict distillation or suspicious / campaign accounts
   * @param largestClusterShare campaign accounts in the reported cluster holding most of them / campaign
   *     accounts (null for one-account campaigns)
   * @param largestClusterPurity campaign accounts in that cluster / its size
   * @param secondsToFirstDetection from the campaign's first request to its first flagged account
   * @param secondsToHalfDetected from the first request until half its accounts (rounded up) are flagged
   * @param requestsBeforeDetection requests each account sent before it was flagged, summed (all of an
   *     unflagged account's)
   * @param requestsBeforeFirstDetection campaign requests sent before its first account was flagged
   */
  public record Campaign(
      String campaign,
      String population,
      int accounts,
      int flagged,
      int suspicious,
      double recall,
      double recallWithSuspicious,
      String largestCluster,
      Double largestClusterShare,
      Double largestClusterPurity,
      Double secondsToFirstDetection,
      Double secondsToHalfDetected,
      Long requests,
      Long requestsBeforeDetection,
      Long requestsBeforeFirstDetection) {}

  /** One benign population's false positives. */
  public record Population(String population, int accounts, int flagged, int suspicious, double fpr, double suspiciousRate) {}
}
