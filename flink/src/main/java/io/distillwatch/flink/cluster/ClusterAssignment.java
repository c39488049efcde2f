package io.distillwatch.flink.cluster;

/** An account's cluster, by key ({@link ClusterKeys}) (a Flink POJO). */
public class ClusterAssignment {
  public String account;
  public long cluster;

  public ClusterAssignment() {}

  public ClusterAssignment(String account, long cluster) {
    this.account = account;
    this.cluster = cluster;
  }
}
