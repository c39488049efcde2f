package io.distillwatch.screening.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.screening.Screener;
import io.distillwatch.screening.ScreeningOptions;
import io.distillwatch.testing.SharedDataTests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Quality floors on the real lists in ../shared/data/screening; skipped when they are absent. */
class ScreeningEvaluationIT {
  @Test
  void aliasRecallAndFalseMatchesOnTheRealLists() throws Exception {
    Screener s = Screener.load(SharedDataTests.require("screening"), ScreeningOptions.defaults());
    ScreeningEvaluation.Report r = new ScreeningEvaluation(s).run(42, 2000);
    System.out.println(r.render());
    assertThat(r.aliasQueries()).as("aliases found").isGreaterThan(5000);
    assertThat(r.aliasRecallExact()).as(r.render()).isGreaterThanOrEqualTo(0.97);
    assertThat(r.aliasRecallPerturbed()).as(r.render()).isGreaterThanOrEqualTo(0.90);
    assertThat(r.falseMatchRate()).as(r.render()).isLessThanOrEqualTo(0.002);
    assertThat(r.falseFlagRate()).as(r.render()).isLessThanOrEqualTo(0.02);
    assertThat(r.precisionFlagged()).as(r.render()).isGreaterThanOrEqualTo(0.97);
    // issue 20: listed names written as people write them, and no false match on unlisted names
    assertThat(r.variantRecall()).as(r.render()).isGreaterThanOrEqualTo(0.98);
    assertThat(r.negativeMatches()).as(r.render()).isZero();
    assertThat(r.falseReviewRate()).as(r.render()).isLessThanOrEqualTo(0.02);
  }
}
