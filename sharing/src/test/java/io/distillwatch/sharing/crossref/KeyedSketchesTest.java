package io.distillwatch.sharing.crossref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.template.TemplateSketch;
import io.distillwatch.template.TemplateSketcher;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyedSketchesTest {
  static final String TEMPLATE = "Solve the following competition problem step by step and show all of your"
      + " reasoning before the final answer: what is 17 times 23?";

  /** Golden bytes: the sketch of TEMPLATE under the test key (BlindingTest.testKeys), 16 bins. */
  static final String GOLDEN_16 = "025400100102030458710000daa1acfbf51764ecbac81f904e99892d45854e098a1f9d3a5204a1a767d87d326babf6aa5186cc51a9d19a2155eedafe3c89848bf3112b170788bd3ae5a01c9c";

  @Test
  void goldenBytes() {
    TemplateSketch s = KeyedSketches.sketcher(BlindingTest.testKeys(), 0x01020304, 16).sketch(TEMPLATE);
    assertThat(HexFormat.of().formatHex(s.toBytes())).isEqualTo(GOLDEN_16);
    assertThat(s.toBytes()).hasSize(12 + 4 * 16);
  }

  @Test
  void sketchesUnderAnotherKeysetRefuseToCompareAndLookUnrelated() {
    BlindingKeys ours = BlindingKeys.generate();
    BlindingKeys theirs = BlindingKeys.generate();
    TemplateSketch a = KeyedSketches.sketcher(ours).sketch(TEMPLATE);
    TemplateSketch b = KeyedSketches.sketcher(ours).sketch(TEMPLATE.replace("17 times 23", "4 times 9"));
    assertThat(a.similarity(b)).isEqualTo(1.0); // literals are stripped: same template
    assertThat(a.keyId()).isEqualTo(ours.primaryId());
    assertThatThrownBy(() -> a.similarity(KeyedSketches.sketcher(theirs).sketch(TEMPLATE)))
        .hasMessageContaining("incomparable");
    // without the key, a guessed template sketched with any other seed shares no bin values
    TemplateSketch guess = TemplateSketcher.unkeyed().sketch(TEMPLATE);
    int[] av = a.values();
    int[] gv = guess.values();
    int same = 0;
    for (int i = 0; i < av.length; i++) {
      same += av[i] == gv[i] ? 1 : 0;
    }
    assertThat(same).isZero();
  }
}
