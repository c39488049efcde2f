package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PairWeightsTest {
  @Test
  void keepsTheStrongestWeightPerKindAndSumsAcrossKinds() {
    long p = PairWeights.raise(0, LinkKind.IP_PREFIX, 0.35);
    p = PairWeights.raise(p, LinkKind.IP_PREFIX, 0.2);
    p = PairWeights.raise(p, LinkKind.SYSTEM_PROMPT, 0.5);
    p = PairWeights.raise(p, LinkKind.TLS_FP, 0.15);
    assertThat(PairWeights.sum(p)).isEqualTo(1.0);
    p = PairWeights.raise(p, LinkKind.CREATION_BURST, 0.5);
    assertThat(PairWeights.sum(p)).isEqualTo(1.5);
  }

  @Test
  void everyWeakKindMaxedStaysWithinTheLong() {
    long p = 0;
    for (LinkKind k : LinkKind.values()) {
      if (k != LinkKind.PAYMENT_FP && k != LinkKind.TEMPLATE) {
        p = PairWeights.raise(p, k, 1.0);
      }
    }
    assertThat(p).isPositive();
    assertThat(PairWeights.sum(p)).isEqualTo(7.0);
  }

  @Test
  void decayedWeightsAreKeptToTheNearestFiveHundredth() {
    long p = PairWeights.raise(0, LinkKind.IP_PREFIX, 0.35 * 10 / 13);
    assertThat(PairWeights.sum(p)).isCloseTo(0.35 * 10 / 13, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void kindsThatLinkOnTheirOwnHaveNoPairWeight() {
    assertThatThrownBy(() -> PairWeights.raise(0, LinkKind.PAYMENT_FP, 1.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
