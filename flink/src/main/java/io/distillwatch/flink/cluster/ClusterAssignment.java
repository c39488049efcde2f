package io.distillwatch.flink.cluster;

/** An account's cluster (a Flink POJO). */
public class ClusterAssignment {
  public String account;
  public String cluster;

  public ClusterAssignment() {}

  public ClusterAssignment(String account, String cluster) {
    this.account = account;
    this.cluster = cluster;
  }
}
