package io.distillwatch.scan;

import io.distillwatch.event.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's outcome of a run (a line of {@code accounts.jsonl}, DESIGN §4) plus what the report
 * needs (activity over time). A Flink POJO.
 */
public class AccountResult {
  public String account;
  /** Highest score reached during the run, in [0,1]. */
  public double score;
  /** Verdict code of {@link #score}. */
  public String verdict;
  public String cluster;
  /** Accepted, de-duplicated events of the account. */
  public long events;
  /** Event time at which the account first reached {@code distillation}, or null. */
  public Long firstFlaggedAt;
  public List<Signal> signals = new ArrayList<>();
  public long firstSeen;
  public long lastSeen;
  /** Activity chart: start, bucket width and counts (see {@code detect.Activity}). */
  public long activityStart;
  public long activityBucketMillis;
  public int[] activity = new int[0];
  /**
   * Event time at which the score first reached each whole percent (index 0..100; Long.MIN_VALUE if
   * never). Kept for clusters, whose cluster-only signals move their flagging time; dropped for accounts.
   */
  public long[] firstAtPercent;
  /** What the account shares with others, for linking; not written to accounts.jsonl. */
  public io.distillwatch.linking.AccountEvidence evidence;

  public AccountResult() {}
}
