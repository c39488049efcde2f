package io.distillwatch.eval.metrics;

import java.util.List;
import java.util.Map;

/**
 * What one method (the detector, an ablated detector, a baseline) decided: per account a verdict and when
 * it first reached {@code distillation}; the clusters it reported; and its throughput when known.
 *
 * @param accounts verdicts by account; accounts absent here count as {@code benign}
 * @param clusters reported clusters (account lists); empty for methods without clustering
 * @param eventsPerSecond throughput from {@code summary.json}, or null
 */
public record Detection(
    String label, Map<String, AccountVerdict> accounts, List<Cluster> clusters, Double eventsPerSecond, String note) {

  /** One account's outcome; {@code firstFlaggedAt} is epoch ms or null. */
  public record AccountVerdict(String verdict, Long firstFlaggedAt, String cluster) {
    public boolean flagged() {
      return "distillation".equals(verdict);
    }

    public boolean suspicious() {
      return "suspicious".equals(verdict);
    }
  }

  /** A reported cluster. */
  public record Cluster(String id, List<String> accounts, String verdict) {}
}
