package io.distillwatch.flink.cluster;

/**
 * An account's cluster, by key ({@link ClusterKeys}) and by its ordinal in this run (the 4-byte sort
 * key of the cluster stage, see {@link ClusterSortTime}) (a Flink POJO).
 */
public class ClusterAssignment {
  public String account;
  public long cluster;
  public int ordinal;

  public ClusterAssignment() {}

  public ClusterAssignment(String account, long cluster, int ordinal) {
    this.account = account;
    this.cluster = cluster;
    this.ordinal = ordinal;
  }
}
