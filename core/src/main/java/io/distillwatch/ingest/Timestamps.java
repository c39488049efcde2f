package io.distillwatch.ingest;

/**
 * Event-time parsing (DESIGN §2): RFC 3339 with a zone, or an epoch number (at least 1e11 means
 * milliseconds, else seconds). Accepted only within [2000-01-01, 2100-01-01). Hand-written because it
 * runs on every line and {@code DateTimeFormatter} costs microseconds.
 */
public final class Timestamps {
  /** 2000-01-01T00:00:00Z in epoch milliseconds, the first accepted instant. */
  public static final long MIN_MS = 946_684_800_000L;
  /** 2100-01-01T00:00:00Z in epoch milliseconds, the first instant rejected. */
  public static final long END_MS = 4_102_444_800_000L;
  /** Returned by the parse methods when the value is unparsable or out of range. */
  public static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  public static boolean inRange(long ms) {
    return ms >= MIN_MS && ms < END_MS;
  }

  /** Epoch number to milliseconds, or {@link #INVALID} (NaN, infinite, out of range). */
  public static long fromEpoch(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
      return INVALID;
    }
    double ms = v >= 1e11 ? v : v * 1000.0;
    if (ms >= END_MS || ms < MIN_MS) {
      return INVALID;
    }
    return (long) Math.floor(ms);
  }

  /** Integral epoch number to milliseconds, or {@link #INVALID}. */
  public static long fromEpoch(long v) {
    long ms;
    if (v >= 100_000_000_000L) {
      ms = v;
    } else if (v >= 0) {
      ms = v * 1000L;
    } else {
      return INVALID;
    }
    return inRange(ms) ? ms : INVALID;
  }

  /**
   * Parses {@code YYYY-MM-DD(T|t| )HH:MM:SS[.fraction](Z|z|+HH:MM|-HH:MM)} (also {@code +HHMM}), or a
   * string of digits as an epoch number. Returns epoch milliseconds or {@link #INVALID}.
   */
  public static long parse(String s) {
    int n = s.length();
    if (n == 0) {
      return INVALID;
    }
    if (allDigits(s)) {
      if (n > 18) {
        return INVALID;
      }
      return fromEpoch(Long.parseLong(s));
    }
    if (n < 20) {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    char t = s.charAt(10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || (t != 'T' && t != 't' && t != ' ')) {
      return INVALID;
    }
    if (day > daysInMonth(year, month)) {
      return INVALID;
    }
    int i = 19;
    int millis = 0;
    if (s.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        if (i - start < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 9) {
        return INVALID;
      }
      for (int k = len; k < 3; k++) {
        millis *= 10;
      }
    }
    if (i >= n) {
      return INVALID; // no zone
    }
    char z = s.charAt(i);
    int offsetMinutes;
    if (z == 'Z' || z == 'z') {
      if (i + 1 != n) {
        return INVALID;
      }
      offsetMinutes = 0;
    } else if (z == '+' || z == '-') {
      int oh = digits(s, i + 1, 2);
      int om;
      if (n == i + 6 && s.charAt(i + 3) == ':') {
        om = digits(s, i + 4, 2);
      } else if (n == i + 5) {
        om = digits(s, i + 3, 2);
      } else {
        return INVALID;
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59) {
        return INVALID;
      }
      offsetMinutes = (oh * 60 + om) * (z == '-' ? -1 : 1);
    } else {
      return INVALID;
    }
    long days = daysFromCivil(year, month, day);
    long ms = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000L + second * 1000L + millis;
    return inRange(ms) ? ms : INVALID;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
