package io.distillwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.AccountInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSignalsTest {
  @Test
  void manyLightUnverifiedAccountsOnOneTemplateTipASuspiciousClusterOverTheThreshold() {
    ClusterResult c = cluster(60, 0.77, new ClusterResult.Link("template", 1770, 0.6, List.of("t")));
    c.links.get(0).accounts = 60;
    // the combined traffic reached 0.77 at t=500, 0.70 at t=300 and so on
    c.firstAtPercent = new long[101];
    Arrays.fill(c.firstAtPercent, Long.MIN_VALUE);
    for (int p = 0; p <= 77; p++) {
      c.firstAtPercent[p] = p * 10L;
    }

    new ClusterSignals(context(60, false)).apply(List.of(c), light(c));

    assertThat(c.verdict).isEqualTo("distillation");
    assertThat(c.score).isGreaterThan(0.8);
    assertThat(c.signals).extracting(s -> s.id).contains("cluster.account_spread", "cluster.shared_template");
    // E(0.8) = 1.609; the cluster-only signals add 0.3 + 0.3, so the traffic needed 1 - e^-1.009 = 0.64
    assertThat(c.firstFlaggedAt).isEqualTo(640L);
  }

  @Test
  void aVerifiedTeamGetsNoClusterSignals() {
    ClusterResult c = cluster(60, 0.77, new ClusterResult.Link("template", 1770, 0.6, List.of("t")));
    c.links.get(0).accounts = 60;

    new ClusterSignals(context(60, true)).apply(List.of(c), light(c));

    assertThat(c.score).isEqualTo(0.77);
    assertThat(c.signals).isEmpty();
  }

  @Test
  void aSmallClusterIsNotASpread() {
    ClusterResult c = cluster(8, 0.4);

    new ClusterSignals(context(8, false)).apply(List.of(c), light(c));

    assertThat(c.score).isEqualTo(0.4);
  }

  private static ClusterResult cluster(int members, double score, ClusterResult.Link... links) {
    ClusterResult c = new ClusterResult();
    c.cluster = "c-x";
    c.score = score;
    c.verdict = score >= 0.5 ? "suspicious" : "benign";
    for (int i = 0; i < members; i++) {
      c.accounts.add("m" + i);
    }
    c.links = new ArrayList<>(List.of(links));
    return c;
  }

  private static Map<String, AccountResult> light(ClusterResult c) {
    Map<String, AccountResult> m = new HashMap<>();
    for (String a : c.accounts) {
      AccountResult r = new AccountResult();
      r.account = a;
      r.events = 25;
      m.put(a, r);
    }
    return m;
  }

  private static DetectionContext context(int members, boolean verified) {
    Map<String, AccountInfo> accounts = new HashMap<>();
    for (int i = 0; i < members; i++) {
      AccountInfo a = new AccountInfo("m" + i);
      a.verified = verified;
      accounts.put(a.account, a);
    }
    return new DetectionContext(DetectionConfig.defaults(), accounts, Map.of(), null);
  }
}
