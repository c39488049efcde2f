package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.ipintel.IpAddresses;

/**
 * Typed reads of optional and required values. An optional value that is absent or JSON null gives
 * null; one of the wrong type or out of range gives null and a field error; a required one throws
 * {@link Reject}.
 */
final class Values {
  private final FieldErrors errors;

  Values(FieldErrors errors) {
    this.errors = errors;
  }

  /** Counts a field error for a value the caller found invalid. */
  void invalid(String field) {
    errors.add(field);
  }

  static boolean absent(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode();
  }

  /** A string; empty or blank gives null without an error. Numbers and booleans are errors. */
  String string(JsonNode v, String field) {
    if (absent(v)) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(field);
      return null;
    }
    String s = v.textValue();
    return s.isBlank() ? null : s;
  }

  /** Like {@link #string} but integral numbers become their decimal text (ids, ASNs). */
  String idString(JsonNode v, String field) {
    if (!absent(v) && v.isIntegralNumber()) {
      return v.asText();
    }
    return string(v, field);
  }

  /** A non-negative integral count (1.0 counts, 1.5 does not). */
  Long count(JsonNode v, String field) {
    Long l = integral(v, field);
    if (l != null && l < 0) {
      errors.add(field);
      return null;
    }
    return l;
  }

  Integer countInt(JsonNode v, String field) {
    Long l = count(v, field);
    if (l != null && l > Integer.MAX_VALUE) {
      errors.add(field);
      return null;
    }
    return l == null ? null : l.intValue();
  }

  /** Any integral number that fits a long. */
  Long integral(JsonNode v, String field) {
    if (absent(v)) {
      return null;
    }
    if (v.isIntegralNumber()) {
      if (v.canConvertToLong()) {
        return v.longValue();
      }
    } else if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
    }
    errors.add(field);
    return null;
  }

  /** A finite number, not negative. */
  Double nonNegative(JsonNode v, String field) {
    if (absent(v)) {
      return null;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isNaN(d) && !Double.isInfinite(d) && d >= 0) {
        return d;
      }
    }
    errors.add(field);
    return null;
  }

  Boolean bool(JsonNode v, String field) {
    if (absent(v)) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    errors.add(field);
    return null;
  }

  /** An HTTP status, 100 to 599. */
  Integer status(JsonNode v, String field) {
    Long l = integral(v, field);
    if (l == null) {
      return null;
    }
    if (l < 100 || l > 599) {
      errors.add(field);
      return null;
    }
    return l.intValue();
  }

  /** An IPv4 or IPv6 address literal, trimmed. */
  String ip(JsonNode v, String field) {
    String s = string(v, field);
    if (s == null) {
      return null;
    }
    s = s.trim();
    if (!IpAddresses.isIp(s)) {
      errors.add(field);
      return null;
    }
    return s;
  }

  /** An AS number: an integer or text like {@code AS16509}. */
  Long asn(JsonNode v, String field) {
    if (!absent(v) && v.isTextual()) {
      String s = v.textValue().trim();
      if (s.regionMatches(true, 0, "AS", 0, 2)) {
        s = s.substring(2);
      }
      try {
        long l = Long.parseLong(s);
        if (l >= 0 && l <= 0xFFFF_FFFFL) {
          return l;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      errors.add(field);
      return null;
    }
    Long l = count(v, field);
    if (l != null && l > 0xFFFF_FFFFL) {
      errors.add(field);
      return null;
    }
    return l;
  }

  /** Number of tool definitions: an array (its size) or a count. */
  Integer tools(JsonNode v, String field) {
    if (!absent(v) && v.isArray()) {
      return v.size();
    }
    return countInt(v, field);
  }

  /** The required account: a non-empty string (integral numbers become text). */
  static String requiredAccount(JsonNode v, String field) {
    if (absent(v)) {
      throw new Reject(RejectReason.MISSING_FIELD, "missing " + field);
    }
    String s;
    if (v.isTextual()) {
      s = v.textValue().trim();
    } else if (v.isIntegralNumber()) {
      s = v.asText();
    } else {
      throw new Reject(RejectReason.INVALID_FIELD, field + " must be a string, got " + kind(v));
    }
    if (s.isEmpty()) {
      throw new Reject(RejectReason.MISSING_FIELD, field + " is empty");
    }
    return s;
  }

  /** The required event time in epoch milliseconds. */
  static long requiredTs(JsonNode v, String field) {
    if (absent(v)) {
      throw new Reject(RejectReason.MISSING_FIELD, "missing " + field);
    }
    long ms;
    if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.isEmpty()) {
        throw new Reject(RejectReason.MISSING_FIELD, field + " is empty");
      }
      ms = Timestamps.parse(s);
    } else if (v.isIntegralNumber()) {
      ms = v.canConvertToLong() ? Timestamps.fromEpoch(v.longValue()) : Timestamps.INVALID;
    } else if (v.isNumber()) {
      ms = Timestamps.fromEpoch(v.doubleValue());
    } else {
      throw new Reject(RejectReason.INVALID_FIELD, field + " must be an RFC 3339 string or epoch number, got " + kind(v));
    }
    if (ms == Timestamps.INVALID) {
      throw new Reject(
          RejectReason.INVALID_TIMESTAMP,
          field + " is not an RFC 3339 time with zone or epoch number within [2000-01-01, 2100-01-01)");
    }
    return ms;
  }

  static String kind(JsonNode v) {
    switch (v.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case BOOLEAN:
        return "a boolean";
      case NUMBER:
        return "a number";
      case STRING:
        return "a string";
      default:
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
