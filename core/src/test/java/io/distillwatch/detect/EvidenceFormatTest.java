package io.distillwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written number formats of evidence sentences match {@link String#format} exactly. */
class EvidenceFormatTest {
  private static final double[] EDGES = {
    0, -0.0, 0.4999, 0.5, -0.5, -0.51, 1, 999, 999.5, 1000, -1000, 12_345_678, -12_345_678,
    Long.MAX_VALUE, Long.MIN_VALUE, 1e30, -1e30, Double.NaN, Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY, 0.001, 0.00999, 0.005
  };

  private static double randomValue(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextInt(2000) - 1000;
      case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(19)) * (r.nextBoolean() ? 1 : -1);
      case 2 -> r.nextDouble();
      default -> EDGES[r.nextInt(EDGES.length)];
    };
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void numbersAndSharesFormatAsStringFormatDoes(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      double v = i < EDGES.length ? EDGES[i] : randomValue(r);
      assertThat(Signals.n(v))
          .as("n(%s), seed %d", v, seed)
          .isEqualTo(String.format(Locale.ROOT, "%,d", Math.round(v)));
      double p = v * 100;
      String expected = p > 0 && p < 1 ? "<1%" : String.format(Locale.ROOT, "%d%%", Math.round(p));
      assertThat(Signals.pct(v)).as("pct(%s), seed %d", v, seed).isEqualTo(expected);
    }
  }
}
