package io.distillwatch.eval.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceSplitTest {
  @Test
  void defaultSplitFollowsDesignSection7BySourceFamily() {
    SourceSplit held = SourceSplit.defaults(SourceSplit.Side.HELDOUT);
    SourceSplit tune = SourceSplit.defaults(SourceSplit.Side.TUNING);
    for (String s : new String[] {"math_train(deepscaler)", "gpteacher_toolformer_0.9", "arena_hard_v2.0", "oasst1_zh", "humaneval"}) {
      assertThat(held.includes(s)).as(s).isTrue();
      assertThat(tune.includes(s)).as(s).isFalse();
    }
    for (String s : new String[] {"gpteacher_codegen", "sharegpt_sample", "mmlu_redux:anatomy", "bbh_codex_cot:navigate", "gsm8k_test"}) {
      assertThat(held.includes(s)).as(s).isFalse();
      assertThat(tune.includes(s)).as(s).isTrue();
    }
    assertThat(SourceSplit.defaults(SourceSplit.Side.ALL).includes("anything")).isTrue();
  }

  @Test
  void aFlagCanChangeTheHeldOutSet() {
    SourceSplit s = SourceSplit.of(SourceSplit.Side.HELDOUT, "gsm8k_test, mmlu_redux");
    assertThat(s.includes("mmlu_redux:virology")).isTrue();
    assertThat(s.includes("humaneval")).isFalse();
    assertThatThrownBy(() -> SourceSplit.Side.parse("test")).isInstanceOf(IllegalArgumentException.class);
  }
}
