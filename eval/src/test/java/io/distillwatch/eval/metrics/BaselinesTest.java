package io.distillwatch.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.eval.sim.TruthLabel;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  static final long H = 3_600_000L;

  @Test
  void maxPerWindowUsesAlignedClockWindows() {
    // 10:59, 11:00, 11:30, 11:59:59 → three in the 11:00 hour
    long[] t = {10 * H + 59 * 60_000, 11 * H, 11 * H + 30 * 60_000, 12 * H - 1000};
    assertThat(Baselines.maxPerWindow(t, H)).isEqualTo(3);
    assertThat(Baselines.firstExceeding(t, H, 2)).isEqualTo(12 * H - 1000);
    assertThat(Baselines.firstExceeding(t, H, 3)).isNull();
  }

  @Test
  void hindsightThresholdAllowsOneInAThousandPerPopulation() {
    Map<String, TruthLabel> labels = new HashMap<>();
    Map<String, Double> score = new HashMap<>();
    for (int i = 1; i <= 1000; i++) { // scores 1..1000: one false positive allowed → threshold 999
      labels.put("big" + i, new TruthLabel("benign", "big", null));
      score.put("big" + i, (double) i);
    }
    for (int i = 0; i < 5; i++) { // five accounts: none allowed → threshold 3
      labels.put("small" + i, new TruthLabel("benign", "small", null));
      score.put("small" + i, 3.0);
    }
    labels.put("x", new TruthLabel("distillation", "camp", "a"));
    score.put("x", 5000.0);
    Truth truth = new Truth(labels, Map.of());
    assertThat(Baselines.hindsightThreshold(truth, score)).isEqualTo(999.0);
  }

  @Test
  void rateLimitFlagsOnlyAboveTheBusiestBenignAccount() {
    Map<String, TruthLabel> labels = new HashMap<>();
    Map<String, long[]> times = new HashMap<>();
    labels.put("b1", new TruthLabel("benign", "human", null));
    times.put("b1", new long[] {0, 1000, 2000}); // 3 in one hour
    labels.put("b2", new TruthLabel("benign", "human", null));
    times.put("b2", new long[] {0, 2 * H});
    labels.put("x", new TruthLabel("distillation", "hydra", "a"));
    times.put("x", new long[] {5 * H, 5 * H + 1, 5 * H + 2, 5 * H + 3, 5 * H + 4});
    labels.put("y", new TruthLabel("distillation", "hydra", "a"));
    times.put("y", new long[] {H, 2 * H, 3 * H});
    Truth truth = new Truth(labels, Map.of("a", 0L));
    AccountActivity act = new AccountActivity(times);
    Detection d = Baselines.rateLimit(truth, act, H, "rl");
    assertThat(d.accounts().get("x").flagged()).isTrue();
    assertThat(d.accounts().get("x").firstFlaggedAt()).isEqualTo(5 * H + 3); // the 4th request of the hour
    assertThat(d.accounts().get("y").flagged()).isFalse();
    assertThat(d.accounts().get("b1").flagged()).isFalse();
    MethodResult r = DetectionMetrics.score(truth, d, act);
    assertThat(r.campaigns().get("a").recall()).isEqualTo(0.5);
    assertThat(r.maxFpr()).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20260302})
  void baselinesNeverExceedTheFprBudget(long seed) {
    Random rnd = new Random(seed);
    Map<String, TruthLabel> labels = new HashMap<>();
    Map<String, long[]> times = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      boolean bad = rnd.nextInt(10) == 0;
      String pop = bad ? "camp" : rnd.nextBoolean() ? "p1" : "p2";
      labels.put("u" + i, new TruthLabel(bad ? "distillation" : "benign", pop, bad ? "a" : null));
      long[] t = new long[rnd.nextInt(bad ? 400 : 200)];
      for (int k = 0; k < t.length; k++) {
        t[k] = (long) (rnd.nextDouble() * 3 * 86_400_000L);
      }
      times.put("u" + i, t);
    }
    Truth truth = new Truth(labels, Map.of());
    AccountActivity act = new AccountActivity(times);
    for (Detection d : Baselines.all(truth, act)) {
      MethodResult r = DetectionMetrics.score(truth, d, act);
      assertThat(r.maxFpr()).as("seed %d, %s", seed, d.label()).isLessThanOrEqualTo(Baselines.MAX_FPR);
    }
  }
}
