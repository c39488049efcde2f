package io.distillwatch.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time formatting shared by every output: RFC 3339, UTC, always with milliseconds. */
public final class Times {
  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** Formats epoch milliseconds, e.g. {@code 2026-03-01T12:00:00.000Z}. */
  public static String format(long epochMillis) {
    return RFC3339_MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Formats epoch milliseconds, or returns null for null. */
  public static String formatOrNull(Long epochMillis) {
    return epochMillis == null ? null : format(epochMillis);
  }
}
