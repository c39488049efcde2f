package io.distillwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import org.junit.jupiter.api.Test;

class PromptSignalsTest {
  private static UsageEvent event(String prompt) {
    UsageEvent e = new UsageEvent();
    e.account = "a";
    e.userText = prompt;
    e.userTurns = 1;
    return e;
  }

  @Test
  void aRequestFeedsThePromptSignalsTheDetectorCountsForIt() {
    UsageEvent e = event("Solve this and show your reasoning step by step: 2+2");
    e.n = 4;
    e.logprobs = true;
    e.reasoningEffort = "high";
    assertThat(new PromptSignals().of(e)).containsExactly(
        SignalIds.TEMPLATE_CONCENTRATION, SignalIds.SINGLE_TURN, SignalIds.COT, SignalIds.REASONING_MAX,
        SignalIds.REPEATED_SAMPLING, SignalIds.LOGPROBS);
    assertThat(new PromptSignals().of(event("Which response is better, response A or response B? Rate the response on a scale of 1 to 10")))
        .contains(SignalIds.RUBRIC_GRADING).doesNotContain(SignalIds.COT);
  }

  @Test
  void anOrdinaryConversationTurnFeedsNoElicitationSignal() {
    UsageEvent e = event("thanks, and what about the second paragraph?");
    e.userTurns = 3;
    e.assistantTurns = 2;
    assertThat(new PromptSignals().of(e)).containsExactly(SignalIds.TEMPLATE_CONCENTRATION);
    assertThat(new PromptSignals().of(event(" "))).isEmpty();
  }
}
