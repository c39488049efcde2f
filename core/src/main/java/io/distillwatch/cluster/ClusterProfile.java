package io.distillwatch.cluster;

import io.distillwatch.detect.DisposableDomains;

import io.distillwatch.event.AccountInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cluster's members' accounts-file records say together, as one record the detector reads like
 * an account's: the earliest creation time (a cluster is as fresh as its first account), the most
 * common sign-up path, verified only when most members are, and an e-mail domain that is disposable
 * when at least {@value #DISPOSABLE_SHARE} of the members use disposable domains.
 */
public final class ClusterProfile {
  static final double DISPOSABLE_SHARE = 0.3;

  private ClusterProfile() {}

  /** The profile of a cluster, or null when no member has a record. */
  public static AccountInfo of(String clusterId, List<AccountInfo> members) {
    AccountInfo p = new AccountInfo(clusterId);
    Map<String, Integer> paths = new HashMap<>();
    Map<String, Integer> domains = new HashMap<>();
    Map<String, Integer> disposable = new HashMap<>();
    int known = 0;
    int verified = 0;
    for (AccountInfo m : members) {
      if (m == null) {
        continue;
      }
      known++;
      if (m.createdAt != null && (p.createdAt == null || m.createdAt < p.createdAt)) {
        p.createdAt = m.createdAt;
      }
      if (m.signupPath != null) {
        paths.merge(m.signupPath, 1, Integer::sum);
      }
      String domain = m.effectiveEmailDomain();
      if (domain != null) {
        domains.merge(domain, 1, Integer::sum);
        if (DisposableDomains.match(domain) != null) {
          disposable.merge(domain, 1, Integer::sum);
        }
      }
      if (Boolean.TRUE.equals(m.verified)) {
        verified++;
      }
    }
    if (known == 0) {
      return null;
    }
    p.signupPath = mostCommon(paths);
    int disposableCount = disposable.values().stream().mapToInt(Integer::intValue).sum();
    p.emailDomain = disposableCount >= DISPOSABLE_SHARE * known ? mostCommon(disposable) : mostCommon(domains);
    p.verified = verified * 2 > known;
    return p;
  }

  private static String mostCommon(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
