package io.distillwatch.flink.stream.clusters;

/**
 * A cluster's current verdict, sent to one member (a Flink POJO): the member inherits it when it is
 * higher than its own ({@code cluster.member}).
 */
public class MemberVerdict {
  public String account;
  public String clusterId;
  public String verdict;
  public double score;
  public long at;
  /** The event time at which the cluster stage decided it; the publishing stage orders by it. */
  public long trigger;
  /** A sentence a reviewer can check: the cluster, its links, its combined score. */
  public String evidence;

  public MemberVerdict() {}

  MemberVerdict(
      String account, String clusterId, String verdict, double score, long at, long trigger, String evidence) {
    this.account = account;
    this.clusterId = clusterId;
    this.verdict = verdict;
    this.score = score;
    this.at = at;
    this.trigger = trigger;
    this.evidence = evidence;
  }
}
