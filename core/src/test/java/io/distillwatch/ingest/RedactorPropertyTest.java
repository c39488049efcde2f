package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets planted in random text (with case-changing Unicode like 'İ') never survive, and nothing throws. */
class RedactorPropertyTest {
  private static final String[] NOISE = {"İ", "ß", "Σ", "é", " ", "\"", ":", "=", "token", "key", "@", ".", "x", "Auth", "sk", "-", "\\", "中文", "😀"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void plantedSecretsAreRemoved(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      String secret = "S" + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36) + "Q9";
      String planted;
      switch (rnd.nextInt(5)) {
        case 0: planted = "\"api_key\": \"" + secret + "\""; break;
        case 1: planted = "password=" + secret; break;
        case 2: planted = "sk-ant-" + secret + "abcdefgh"; break;
        case 3: planted = "Authorization: Bearer " + secret; break;
        default: planted = "mail " + secret.toLowerCase(java.util.Locale.ROOT) + "@example.org";
      }
      String text = noise(rnd) + " " + planted + " " + noise(rnd);
      String out = Redactor.redact(text);
      String needle = planted.contains("@") ? secret.toLowerCase(java.util.Locale.ROOT) : secret;
      assertThat(out).as("seed %d: %s", seed, text).doesNotContain(needle);
      assertThat(Redactor.excerpt(text).length()).isLessThanOrEqualTo(Redactor.EXCERPT_CHARS);
    }
  }

  private static String noise(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(30);
    for (int i = 0; i < n; i++) {
      sb.append(NOISE[rnd.nextInt(NOISE.length)]);
    }
    return sb.toString();
  }
}
