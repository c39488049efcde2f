package io.distillwatch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateSketchTest {
  private static final String A =
      "You are a world class tutor. Solve the problem below and explain each step of your reasoning in"
          + " detail, then give the final answer on its own line.";

  @Test
  void identicalSkeletonsAreIdenticalAndDifferentOnesAreNot() {
    TemplateSketcher s = TemplateSketcher.unkeyed();
    TemplateSketch a = s.sketch(A);
    assertThat(a.similarity(s.sketch(A))).isEqualTo(1.0);
    TemplateSketch near = s.sketch(A.replace("world class", "patient"));
    TemplateSketch far = s.sketch("Translate this menu into French for my restaurant opening next week.");
    assertThat(a.similarity(near)).isGreaterThan(0.4).isLessThan(1.0);
    assertThat(a.similarity(far)).isLessThan(0.2);
  }

  @ParameterizedTest
  @ValueSource(longs = {3L, 17L, 2026L})
  void similarityEstimatesJaccard(long seed) {
    java.util.Random r = new java.util.Random(seed);
    // token sequences whose trigram sets share `common` of `common + 2*own` shingles
    int common = 200 + r.nextInt(200);
    int own = 50 + r.nextInt(300);
    long[] x = new long[common + own + 2];
    long[] y = new long[common + own + 2];
    for (int i = 0; i < common + 2; i++) {
      x[i] = y[i] = r.nextLong();
    }
    for (int i = common + 2; i < x.length; i++) {
      x[i] = r.nextLong();
      y[i] = r.nextLong();
    }
    double jaccard = common / (double) (common + 2 * own);
    TemplateSketcher s = new TemplateSketcher(256, r.nextLong(), 1);
    double est = s.sketchTokens(x, x.length).similarity(s.sketchTokens(y, y.length));
    assertThat(est).as("seed %d, jaccard %.3f", seed, jaccard).isCloseTo(jaccard, within(0.12));
  }

  @Test
  void keyedSketchesRefuseToCompareWithOtherKeys() {
    TemplateSketch a = new TemplateSketcher(64, 1L, 7).sketch(A);
    TemplateSketch b = new TemplateSketcher(64, 2L, 7).sketch(A);
    TemplateSketch c = new TemplateSketcher(64, 1L, 8).sketch(A);
    assertThatThrownBy(() -> a.similarity(b)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.similarity(c)).isInstanceOf(IllegalArgumentException.class);
    assertThat(a).isNotEqualTo(new TemplateSketcher(64, 3L, 7).sketch(A));
  }

  @Test
  void wireFormatRoundTripsAndRejectsGarbage() {
    TemplateSketch a = new TemplateSketcher(64, 99L, 3).sketch(A);
    byte[] bytes = a.toBytes();
    assertThat(bytes).hasSize(12 + 4 * 64);
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(bytes[1]).isEqualTo((byte) 0x54);
    assertThat(TemplateSketch.fromBytes(bytes)).isEqualTo(a);
    byte[] bad = bytes.clone();
    bad[0] = 3;
    assertThatThrownBy(() -> TemplateSketch.fromBytes(bad)).hasMessageContaining("version");
    assertThatThrownBy(() -> TemplateSketch.fromBytes(new byte[] {1, 0x54, 0, 64}))
        .hasMessageContaining("short");
    byte[] truncated = java.util.Arrays.copyOf(bytes, 100);
    assertThatThrownBy(() -> TemplateSketch.fromBytes(truncated)).hasMessageContaining("bytes");
  }

  @Test
  void emptyPromptGivesEmptySketch() {
    TemplateSketch e = TemplateSketcher.unkeyed().sketch("");
    assertThat(e.isEmpty()).isTrue();
    assertThat(e.similarity(TemplateSketcher.unkeyed().sketch(A))).isZero();
    assertThat(TemplateSketch.fromBytes(e.toBytes()).isEmpty()).isTrue();
  }
}
