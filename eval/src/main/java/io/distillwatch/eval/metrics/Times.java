package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamp parsing shared by the readers: RFC 3339 strings or epoch numbers (≥ 1e11 = milliseconds). */
public final class Times {
  private Times() {}

  /** Epoch milliseconds, or null for a missing/null node. */
  public static Long parse(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isNumber()) {
      double v = n.asDouble();
      return v >= 1e11 ? (long) v : (long) (v * 1000);
    }
    return parse(n.asText());
  }

  public static long parse(String s) {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (RuntimeException e) {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }
  }
}
