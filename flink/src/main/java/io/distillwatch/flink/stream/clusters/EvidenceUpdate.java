package io.distillwatch.flink.stream.clusters;

import io.distillwatch.linking.AccountEvidence;

/**
 * An account's linking evidence as of event time {@code at} (the timer that applied its events), a
 * Flink POJO. Sent as the account's event count passes 1, 2, 4, 8, …, so evidence that needs history
 * (a template used for most prompts, co-activity hours) arrives when there is enough of it.
 */
public class EvidenceUpdate {
  public long at;
  public AccountEvidence evidence;

  public EvidenceUpdate() {}

  public EvidenceUpdate(long at, AccountEvidence evidence) {
    this.at = at;
    this.evidence = evidence;
  }

  /** True when an account's event count passing from {@code before} to {@code after} crosses 1, 2, 4, … 1024, 2048, 3072, …. */
  public static boolean due(long before, long after) {
    if (after <= before) {
      return false;
    }
    long next = before < 1024 ? Long.highestOneBit(Math.max(1, before)) * (before == 0 ? 1 : 2) : (before / 1024 + 1) * 1024;
    return next <= after;
  }
}
