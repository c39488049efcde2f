package io.distillwatch.flink.stream.clusters;

import io.distillwatch.event.AccountInfo;

/**
 * What the linker tells the rest of the job (a Flink POJO), one of:
 *
 * <ul>
 *   <li>{@link #MEMBER}: {@code account} now belongs to lineage {@code lineage} (routes its events,
 *       and lets the cluster fan verdicts out to it);
 *   <li>{@link #CLUSTER}: lineage {@code lineage} now has DESIGN §4 id {@code clusterId}, {@code size}
 *       members, {@code profile} and {@code links} (a sentence naming the evidence behind it);
 *   <li>{@link #RETIRE}: lineage {@code lineage} was absorbed into {@code clusterId}'s lineage; its
 *       state can go.
 * </ul>
 */
public class ClusterControl {
  public static final String MEMBER = "member";
  public static final String CLUSTER = "cluster";
  public static final String RETIRE = "retire";

  public String type;
  public String lineage;
  public String account;
  public String clusterId;
  public int size;
  public AccountInfo profile;
  public String links;
  /** Event time at which the linker applied the evidence behind this message. */
  public long at;

  public ClusterControl() {}

  static ClusterControl member(String lineage, String account, long at) {
    ClusterControl c = new ClusterControl();
    c.type = MEMBER;
    c.lineage = lineage;
    c.account = account;
    c.at = at;
    return c;
  }

  static ClusterControl cluster(String lineage, String clusterId, int size, AccountInfo profile, String links, long at) {
    ClusterControl c = new ClusterControl();
    c.type = CLUSTER;
    c.lineage = lineage;
    c.clusterId = clusterId;
    c.size = size;
    c.profile = profile;
    c.links = links;
    c.at = at;
    return c;
  }

  static ClusterControl retire(String lineage, String into, long at) {
    ClusterControl c = new ClusterControl();
    c.type = RETIRE;
    c.lineage = lineage;
    c.clusterId = into;
    c.at = at;
    return c;
  }
}
