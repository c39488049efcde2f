package io.distillwatch.flink.cluster;

/** An account's cluster (a Flink POJO). */
public class ClusterAssignment {
  public String account;
  public String cluster;
  /** The cluster's profile (see {@code detect.ClusterProfile}), or null. */
  public io.distillwatch.event.AccountInfo profile;

  public ClusterAssignment() {}

  public ClusterAssignment(String account, String cluster) {
    this.account = account;
    this.cluster = cluster;
  }
}
