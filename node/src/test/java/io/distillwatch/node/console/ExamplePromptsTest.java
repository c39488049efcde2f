package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExamplePromptsTest {
  @Test
  void examplesAreCutTo300CharactersAndLoseSecretsAndEmails() {
    String prompt = "Mail bob@example.com with key sk-abcdefghijklmnopqrstuvwxyz123456 then " + "x".repeat(1000);
    String kept = new ExamplePrompts(false).prepare(prompt);
    assertThat(kept.length()).isLessThanOrEqualTo(ExamplePrompts.MAX_CHARS);
    assertThat(kept).doesNotContain("bob@example.com").doesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456").startsWith("Mail ");
  }

  @Test
  void underStoreRedactOnlyTheTemplateSkeletonIsKept() {
    String kept = new ExamplePrompts(true).prepare("Solve 4817 * 9921 for user carol@example.org from 203.0.113.77 step by step");
    assertThat(kept).doesNotContain("4817").doesNotContain("carol@example.org").doesNotContain("203.0.113.77").contains("step by step");
    assertThat(kept.length()).isLessThanOrEqualTo(ExamplePrompts.MAX_CHARS);
  }
}
