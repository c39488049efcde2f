package io.distillwatch.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyed sketches (version 2), their similarity error (docs/wire-formats.md) and LSH matching. */
class KeyedSketchTest {
  private static final String A =
      "You are a world class tutor. Solve the problem below and explain each step of your reasoning in"
          + " detail, then give the final answer on its own line.";

  /** A stand-in for the member-key PRF (the real one is Tink's HMAC, in sharing). */
  static BinKeying keying(int keyId, long secret) {
    return new BinKeying() {
      public int keyId() {
        return keyId;
      }

      public long seed() {
        return Hash64.mix(secret ^ 0x5eedL);
      }

      public int value(int bin, long min) {
        return (int) Hash64.combine(Hash64.combine(secret, bin), min);
      }
    };
  }

  @Test
  void keyedSketchesAreVersionTwoAndRefuseOtherKeysAndLocalSketches() {
    TemplateSketch a = TemplateSketcher.keyed(64, keying(7, 1)).sketch(A);
    assertThat(a.version()).isEqualTo(TemplateSketch.VERSION_KEYED);
    assertThat(a.isKeyed()).isTrue();
    assertThat(a.keyId()).isEqualTo(7);
    assertThat(TemplateSketch.fromBytes(a.toBytes())).isEqualTo(a);
    assertThat(a.toBytes()[0]).isEqualTo((byte) 2);
    assertThatThrownBy(() -> a.similarity(TemplateSketcher.keyed(64, keying(8, 1)).sketch(A)))
        .hasMessageContaining("incomparable");
    assertThatThrownBy(() -> a.similarity(TemplateSketcher.keyed(64, keying(7, 2)).sketch(A)))
        .hasMessageContaining("incomparable");
    assertThatThrownBy(() -> a.similarity(new TemplateSketcher(64, keying(7, 1).seed(), 7).sketch(A)))
        .hasMessageContaining("version 2/1");
    assertThatThrownBy(() -> TemplateSketcher.keyed(64, keying(0, 1))).hasMessageContaining("key id");
    byte[] noKey = a.toBytes();
    noKey[4] = noKey[5] = noKey[6] = noKey[7] = 0;
    assertThatThrownBy(() -> TemplateSketch.fromBytes(noKey)).hasMessageContaining("key id");
  }

  @Test
  void keyingPreservesTheEstimateExactly() {
    BinKeying k = keying(3, 99);
    TemplateSketcher keyed = TemplateSketcher.keyed(64, k);
    TemplateSketcher plain = new TemplateSketcher(64, k.seed(), 3);
    String near = A.replace("world class", "patient");
    assertThat(keyed.sketch(A).similarity(keyed.sketch(near)))
        .isEqualTo(plain.sketch(A).similarity(plain.sketch(near)));
  }

  /**
   * The documented error: at k = 64 bins the estimate is unbiased within 0.02 and its standard error is
   * at most 1.2 × sqrt(J(1−J)/k) (0.0625 at J = 0.5), over 400 random keys and shingle sets per J.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.5, 0.8})
  void similarityErrorIsAsDocumented(double target) {
    Random r = new Random(Double.doubleToLongBits(target));
    int trials = 400;
    double sum = 0;
    double sq = 0;
    double jSum = 0;
    for (int t = 0; t < trials; t++) {
      int common = 60 + r.nextInt(60);
      int own = (int) Math.round(common * (1 - target) / (2 * target));
      long[] x = new long[common + own + 2];
      long[] y = new long[common + own + 2];
      for (int i = 0; i < common + 2; i++) {
        x[i] = y[i] = r.nextLong();
      }
      for (int i = common + 2; i < x.length; i++) {
        x[i] = r.nextLong();
        y[i] = r.nextLong();
      }
      double j = common / (double) (common + 2 * own);
      TemplateSketcher s = TemplateSketcher.keyed(64, keying(1 + t, r.nextLong()));
      double est = s.sketchTokens(x, x.length).similarity(s.sketchTokens(y, y.length));
      sum += est - j;
      sq += (est - j) * (est - j);
      jSum += j;
    }
    double j = jSum / trials;
    double bias = sum / trials;
    double rmse = Math.sqrt(sq / trials);
    assertThat(Math.abs(bias)).as("bias at J=%.2f", j).isLessThan(0.02);
    assertThat(rmse).as("rmse at J=%.2f", j).isLessThan(1.2 * Math.sqrt(j * (1 - j) / 64));
  }

  @Test
  void lshFindsNearDuplicateTemplatesAndNotOthers() {
    TemplateSketcher s = TemplateSketcher.keyed(64, keying(5, 42));
    SketchIndex<String> idx = new SketchIndex<>();
    idx.add(s.sketch(A), "tutor");
    idx.add(s.sketch("Translate this menu into French for my restaurant opening next week please."), "menu");
    idx.add(s.sketch(""), "empty");
    assertThat(idx.size()).isEqualTo(2);
    assertThat(idx.query(s.sketch(A.replace("explain each step", "explain every step")), 0.6))
        .extracting(SketchIndex.Hit::item).containsExactly("tutor");
    assertThat(idx.query(s.sketch("Write a haiku about autumn leaves falling on a quiet pond at dusk."), 0.7)).isEmpty();
    assertThatThrownBy(() -> idx.query(TemplateSketcher.keyed(64, keying(6, 42)).sketch(A), 0.7))
        .hasMessageContaining("incomparable");
    assertThatThrownBy(() -> idx.add(TemplateSketcher.unkeyed().sketch(A), "local"))
        .hasMessageContaining("incomparable");
  }
}
