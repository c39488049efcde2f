package io.distillwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterInheritanceTest {
  @Test
  void aLightMemberOfAConvictedClusterIsConvictedWithItAndSaysWhy() {
    AccountResult light = account("acct-light", 0.12, "benign", null);
    ClusterResult cluster = cluster(0.93, "distillation", 1_000L, "acct-light", "acct-other");

    new ClusterInheritance(DetectionContext.defaults()).apply(List.of(light), List.of(cluster));

    assertThat(light.cluster).isEqualTo("c-test");
    assertThat(light.verdict).isEqualTo("distillation");
    assertThat(light.score).isEqualTo(0.93);
    assertThat(light.firstFlaggedAt).isEqualTo(1_000L);
    Signal member = light.signals.get(0);
    assertThat(member.id).isEqualTo(ClusterInheritance.SIGNAL);
    assertThat(member.contribution).isEqualTo(0.81);
    assertThat(member.evidence).contains("c-test", "2 accounts", "payment_fp (1 pairs)", "distillation");
  }

  @Test
  void aBenignClusterChangesNothingButTheClusterId() {
    AccountResult a = account("acct-a", 0.4, "benign", null);
    new ClusterInheritance(DetectionContext.defaults())
        .apply(List.of(a), List.of(cluster(0.2, "benign", null, "acct-a", "acct-b")));

    assertThat(a.cluster).isEqualTo("c-test");
    assertThat(a.score).isEqualTo(0.4);
    assertThat(a.signals).isEmpty();
  }

  @Test
  void anAllowlistedMemberStaysBelowDistillation() {
    DetectionContext ctx = new DetectionContext(
        DetectionConfig.defaults(), Map.of(), Map.of(), null, Map.of("acct-eval", "contracted evaluator"));
    AccountResult a = account("acct-eval", 0.1, "benign", null);

    new ClusterInheritance(ctx).apply(List.of(a), List.of(cluster(0.97, "distillation", 5L, "acct-eval", "x")));

    assertThat(a.verdict).isEqualTo("suspicious");
    assertThat(a.score).isLessThan(ctx.config().distillationThreshold());
    assertThat(a.firstFlaggedAt).isNull();
  }

  @Test
  void aHigherClusterScoreIsInheritedEvenWhenTheVerdictIsTheSame() {
    ClusterInheritance rule = new ClusterInheritance(DetectionConfig.defaults());

    ClusterInheritance.Outcome o = rule.inherit(
        new ClusterInheritance.Standing(0.5, Verdict.SUSPICIOUS, null),
        new ClusterInheritance.Standing(0.6, Verdict.SUSPICIOUS, null), false, "member of cluster c-x");

    assertThat(o.inherited()).isTrue();
    assertThat(o.standing().score()).isEqualTo(0.6);
    assertThat(o.standing().verdict()).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(o.signal().contribution).isEqualTo(0.1);
  }

  @Test
  void anAllowlistedMembersInheritedScoreIsCappedBelowDistillationNotOnlyItsVerdict() {
    DetectionConfig config = DetectionConfig.defaults();
    ClusterInheritance rule = new ClusterInheritance(config);

    ClusterInheritance.Outcome o = rule.inherit(
        new ClusterInheritance.Standing(0.1, Verdict.BENIGN, null),
        new ClusterInheritance.Standing(0.97, Verdict.DISTILLATION, 5L), true, "member of cluster c-x");

    assertThat(o.standing().verdict()).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(o.standing().score()).isLessThan(config.distillationThreshold());
    assertThat(config.verdict(o.standing().score())).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(o.standing().flaggedAt()).isNull();
    assertThat(o.signal().value).as("the cluster's own score, for the reviewer").isEqualTo(0.97);
  }

  @Test
  void aLowerClusterScoreLeavesTheMembersOwnStanding() {
    ClusterInheritance.Standing own = new ClusterInheritance.Standing(0.9, Verdict.DISTILLATION, 7L);

    ClusterInheritance.Outcome o = new ClusterInheritance(DetectionConfig.defaults())
        .inherit(own, new ClusterInheritance.Standing(0.6, Verdict.SUSPICIOUS, null), false, "x");

    assertThat(o.inherited()).isFalse();
    assertThat(o.standing()).isEqualTo(own);
  }

  private static AccountResult account(String id, double score, String verdict, Long flagged) {
    AccountResult a = new AccountResult();
    a.account = id;
    a.score = score;
    a.verdict = verdict;
    a.firstFlaggedAt = flagged;
    a.signals = new ArrayList<>();
    return a;
  }

  private static ClusterResult cluster(double score, String verdict, Long flagged, String... members) {
    ClusterResult c = new ClusterResult();
    c.cluster = "c-test";
    c.accounts = List.of(members);
    c.score = score;
    c.verdict = verdict;
    c.firstFlaggedAt = flagged;
    c.events = 4200;
    c.links = List.of(new ClusterResult.Link("payment_fp", 1, 1.0, List.of("pm-1")));
    return c;
  }
}
