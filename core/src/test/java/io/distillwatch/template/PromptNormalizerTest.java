package io.distillwatch.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromptNormalizerTest {
  private final PromptNormalizer normalizer = new PromptNormalizer();

  @Test
  void literalsBecomePlaceholders() {
    String s =
        normalizer
            .normalize("Email bob@example.com about https://x.io/a?b=1 and \"quoted text\" with 3.14 or 1,000 items `x=1`")
            .skeleton();
    assertThat(s).isEqualTo("email {email} about {url} and {s} with {n} or {n} items {code}");
  }

  @Test
  void sharedInstructionWithVaryingPayloadSharesHead() {
    NormalizedPrompt a =
        normalizer.normalize(
            "Solve the following problem step by step. A train leaves the station at 9 am travelling at"
                + " sixty miles an hour towards a city that is three hundred miles away, when does it arrive"
                + " if it stops twice?");
    long headA = a.headKey();
    String skeleton = a.skeleton();
    NormalizedPrompt b =
        normalizer.normalize(
            "Solve the following problem step by step. Janet has twelve ducks and each duck lays two eggs"
                + " every morning except on sundays when they rest, how many eggs are collected in a full"
                + " week of laying?");
    assertThat(b.headKey()).isEqualTo(headA);
    assertThat(skeleton).startsWith("solve the following problem step by step. {…}");
    NormalizedPrompt c = normalizer.normalize("What is the capital of France and why is it there?");
    assertThat(c.headKey()).isNotEqualTo(headA);
  }

  @Test
  void sharedSuffixSharesTail() {
    long t1 =
        normalizer
            .normalize("The following is a multiple choice question about anatomy.\n\nWhich bone is longest?\nA. femur\nB. tibia\nAnswer:")
            .tailKey();
    long t2 =
        normalizer
            .normalize("The following is a multiple choice question about law.\n\nWho may appeal a ruling?\nA. judge\nB. party\nAnswer:")
            .tailKey();
    assertThat(t1).isEqualTo(t2);
  }

  @Test
  void cjkCharactersAreTokens() {
    NormalizedPrompt p = normalizer.normalize("请解释量子计算。谢谢");
    assertThat(p.tokenCount()).isEqualTo(9);
    assertThat(p.skeleton()).isEqualTo("请解释量子计算. 谢谢");
  }

  @Test
  void skeletonNormalisesToItself() {
    String prompt =
        "Write a detailed essay on the history of Rome. Cover the republic, the empire, the fall, the"
            + " legacy, the culture, the laws and the wars in at least 2000 words please. Use headings.";
    NormalizedPrompt p = normalizer.normalize(prompt);
    String sk = p.skeleton();
    long head = p.headKey();
    NormalizedPrompt again = normalizer.normalize(sk);
    assertThat(again.skeleton()).isEqualTo(sk);
    assertThat(again.headKey()).isEqualTo(head);
  }

  @Test
  void unclosedFenceAndQuotesDoNotHangOrThrow() {
    assertThat(normalizer.normalize("```python\nprint(1)").skeleton()).isEqualTo("{code}");
    assertThat(normalizer.normalize("say \"hello").skeleton()).isEqualTo("say hello");
    assertThat(normalizer.normalize("").isEmpty()).isTrue();
    assertThat(normalizer.normalize(null).headKey()).isZero();
  }

  @Test
  void longPromptsKeepTheirHeadAndTail() {
    StringBuilder b = new StringBuilder("Solve the following problem carefully.\n");
    for (int i = 0; b.length() < 3900; i++) {
      b.append("payload word").append(i % 7 == 0 ? ".\n" : " ");
    }
    b.append("\nThink step by step and show your reasoning.");
    NormalizedPrompt p = normalizer.normalize(b);
    assertThat(p.skeleton()).startsWith("solve the following problem carefully. {…}")
        .endsWith("think step by step and show your reasoning.");
    assertThat(p.headKey())
        .isEqualTo(new PromptNormalizer().normalize("Solve the following problem carefully. x y z").headKey());
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20261126L})
  void randomTextNeverThrowsAndKeysAreStable(long seed) {
    Random r = new Random(seed);
    String alphabet = "ab c.\n\"`{}@:/1 请?';x\u2019";
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(300);
      for (int k = 0; k < len; k++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      NormalizedPrompt p = normalizer.normalize(b);
      long head = p.headKey();
      String sk = p.skeleton();
      assertThat(new PromptNormalizer().normalize(b.toString()).headKey())
          .as("seed %d input %s", seed, b)
          .isEqualTo(head);
      assertThat(sk.length()).as("seed %d", seed).isLessThanOrEqualTo(b.length() * 8 + 8);
    }
  }

  @Test
  void aShortExampleIsTheLongOneCut() {
    Random rnd = new Random(3);
    String[] words = {"Solve", "the", "following", "problem", "carefully,", "showing", "every", "step.", "请", "逐步", "x=42", "Answer:", "\n"};
    for (int i = 0; i < 500; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = rnd.nextInt(80); w >= 0; w--) {
        text.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(5) == 0 ? "" : " ");
      }
      NormalizedPrompt p = normalizer.normalize(text.toString());
      for (int max : new int[] {1, 12, 72}) {
        assertThat(p.head(max)).isEqualTo(cut(p.head(Integer.MAX_VALUE), max));
        assertThat(p.tail(max)).isEqualTo(cut(p.tail(Integer.MAX_VALUE), max));
      }
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
  }
}
