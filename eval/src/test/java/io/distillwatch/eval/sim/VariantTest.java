package io.distillwatch.eval.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Variants draw every population's knobs inside the documented ranges, reproducibly. */
class VariantTest {
  static final List<String> FAMILIES = List.of("gpteacher_codegen", "gpteacher_roleplay");

  @Test
  void everyPopulationGetsKnobsInsideTheDocumentedRanges() {
    double minAccounts = Double.MAX_VALUE;
    double maxAccounts = 0;
    for (int i = 1; i <= 40; i++) {
      Variant v = Variant.draw(7, i, FAMILIES);
      assertThat(v.populations().keySet())
          .containsExactlyElementsOf(Simulator.populations().stream().map(Population::name).toList());
      assertThat(v.humanHome()).isBetween(Variant.HUMAN_HOME_MIN, Variant.HUMAN_HOME_MAX);
      assertThat(v.humanHome() + v.humanRelay()).isLessThanOrEqualTo(1.0);
      for (Population p : Simulator.populations()) {
        Variant.Knobs k = v.knobs(p.name());
        assertThat(k.accounts()).isBetween(Variant.ACCOUNTS_MIN, Variant.ACCOUNTS_MAX);
        assertThat(k.rate()).isBetween(Variant.RATE_MIN, Variant.RATE_MAX);
        minAccounts = Math.min(minAccounts, k.accounts());
        maxAccounts = Math.max(maxAccounts, k.accounts());
        if (p.campaign() != null) {
          assertThat(k.activeHours()).isBetween(Variant.HOURS_MIN, Variant.HOURS_MAX);
          assertThat(k.genuineShare()).isBetween(0.0, Variant.GENUINE_MAX);
          assertThat(k.clients()).isBetween(Variant.CLIENTS_MIN, Variant.CLIENTS_MAX);
          assertThat(k.windowDays()).isBetween(Variant.WINDOW_MIN_DAYS, Variant.WINDOW_MAX_DAYS);
          assertThat(k.windowStartDay() + k.windowDays()).isLessThanOrEqualTo(Variant.WINDOW_MAX_DAYS);
          assertThat(FAMILIES).contains(k.attackFamily());
        } else {
          assertThat(k.activeHours()).isEqualTo(24);
          assertThat(k.genuineShare()).isZero();
        }
      }
    }
    // the draws span the range rather than sitting in the middle
    assertThat(minAccounts).isLessThan(0.4);
    assertThat(maxAccounts).isGreaterThan(2.5);
  }

  @Test
  void sameSeedAndIndexGiveTheSameVariantAndTheDefaultChangesNothing() {
    assertThat(Variant.draw(7, 3, FAMILIES)).isEqualTo(Variant.draw(7, 3, FAMILIES));
    assertThat(Variant.draw(7, 3, FAMILIES)).isNotEqualTo(Variant.draw(7, 4, FAMILIES));
    assertThat(Variant.DEFAULT.isDefault()).isTrue();
    assertThat(Variant.DEFAULT.knobs("campaign_a_hydra").accounts()).isEqualTo(1.0);
    assertThatThrownBy(() -> Variant.draw(7, 0, FAMILIES)).isInstanceOf(IllegalArgumentException.class);
  }
}
