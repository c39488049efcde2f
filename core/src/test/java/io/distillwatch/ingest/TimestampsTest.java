package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  /** Random instants written with random offsets and precisions parse back to the same millisecond. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithJavaTime(long seed) {
    Random rnd = new Random(seed);
    String[] patterns = {"yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX",
        "yyyy-MM-dd HH:mm:ss.SXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx"};
    for (int i = 0; i < 5000; i++) {
      long ms = Timestamps.MIN_MS + (long) (rnd.nextDouble() * (Timestamps.END_MS - Timestamps.MIN_MS - 86_400_000L * 2)) + 86_400_000L;
      Instant instant = Instant.ofEpochMilli(ms).plusNanos(rnd.nextInt(1_000_000));
      ZoneOffset off = ZoneOffset.ofTotalSeconds((rnd.nextInt(26 * 4) - 12 * 4) * 15 * 60);
      String pattern = patterns[rnd.nextInt(patterns.length)];
      String text = OffsetDateTime.ofInstant(instant, off).format(DateTimeFormatter.ofPattern(pattern));
      long expected = instant.toEpochMilli();
      if (pattern.contains("ss'") || pattern.endsWith("ssXXX")) {
        expected = expected / 1000 * 1000;
      } else if (pattern.contains(".S")) {
        int digits = pattern.length() - pattern.replace("S", "").length();
        if (digits < 3) {
          long unit = (long) Math.pow(10, 3 - digits);
          expected = Math.floorDiv(expected, unit) * unit;
        }
      }
      assertThat(Timestamps.parse(text)).as("seed %d: %s", seed, text).isEqualTo(expected);
    }
  }

  @Test
  void acceptsTheDocumentedForms() {
    long noon = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    assertThat(Timestamps.parse("2026-03-01T12:00:00Z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-03-01t12:00:00z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-03-01 12:00:00Z")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-03-01T14:00:00+02:00")).isEqualTo(noon);
    assertThat(Timestamps.parse("2026-03-01T07:00:00-0500")).isEqualTo(noon);
    assertThat(Timestamps.parse(String.valueOf(noon))).isEqualTo(noon);
    assertThat(Timestamps.parse(String.valueOf(noon / 1000))).isEqualTo(noon);
    assertThat(Timestamps.parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
    assertThat(Timestamps.parse("2000-01-01T00:00:00Z")).isEqualTo(Timestamps.MIN_MS);
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad : new String[] {"", "2026-03-01", "2026-03-01T12:00:00", "2026-03-01T12:00Z", "2026-13-01T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-03-01T12:00:60Z", "2026-03-01T12:00:00.Z", "2026-03-01T12:00:00.1234567890Z",
        "2026-03-01T12:00:00+24:00", "2026-03-01T12:00:00+02", "2026-03-01T12:00:00Zjunk", "1999-12-31T23:59:59Z",
        "2100-01-01T00:00:00Z", "+2026-03-01T12:00:00Z", "2026-03-01X12:00:00Z", "99999999999", "1234567890123456789012"}) {
      assertThat(Timestamps.parse(bad)).as(bad).isEqualTo(Timestamps.INVALID);
    }
    assertThat(Timestamps.fromEpoch(Double.NaN)).isEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.fromEpoch(-1L)).isEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.fromEpoch(Timestamps.END_MS)).isEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.fromEpoch(Timestamps.END_MS - 1)).isEqualTo(Timestamps.END_MS - 1);
  }
}
