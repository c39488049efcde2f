package io.distillwatch.node.console;

import io.distillwatch.node.store.ConsoleStore.QueueQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The alert queue's query parameters, checked: {@code verdict} (suspicious|distillation), {@code kind}
 * (account|cluster), {@code cluster}, {@code signal}, {@code from}/{@code to} (RFC 3339, or
 * {@code yyyy-MM-ddTHH:mm} in UTC as a browser's datetime field sends it), {@code sort}
 * (score|time|id|verdict), {@code dir} (asc|desc), {@code page} (from 0), {@code size} (10–200, default
 * 50). A bad value is an {@link IllegalArgumentException} naming the parameter (HTTP 400).
 */
final class QueueParams {
  static final int DEFAULT_SIZE = 50;
  private static final Set<String> VERDICTS = Set.of("suspicious", "distillation");
  private static final Set<String> KINDS = Set.of("account", "cluster");
  private static final Set<String> SORTS = Set.of("score", "time", "id", "verdict");

  private QueueParams() {}

  static QueueQuery parse(Function<String, String> param) {
    String verdict = oneOf(param, "verdict", VERDICTS);
    String kind = oneOf(param, "kind", KINDS);
    String cluster = text(param, "cluster", 64);
    String signal = text(param, "signal", 128);
    Long from = time(param, "from");
    Long to = time(param, "to");
    String sort = oneOf(param, "sort", SORTS);
    String dir = oneOf(param, "dir", Set.of("asc", "desc"));
    int page = integer(param, "page", 0, 0, 1_000_000);
    int size = integer(param, "size", DEFAULT_SIZE, 10, 200);
    return new QueueQuery(verdict, kind, cluster, signal, from, to, sort == null ? "score" : sort,
        "asc".equals(dir), page, size);
  }

  /** The query as URL parameters (for paging and sorting links), without page. */
  static Map<String, String> asParams(Function<String, String> param) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : new String[] {"verdict", "kind", "cluster", "signal", "from", "to", "sort", "dir", "size"}) {
      String v = param.apply(k);
      if (v != null && !v.isBlank()) {
        m.put(k, v);
      }
    }
    return m;
  }

  private static String oneOf(Function<String, String> param, String name, Set<String> allowed) {
    String v = blankToNull(param.apply(name));
    if (v != null && !allowed.contains(v)) {
      throw new IllegalArgumentException(name + " must be one of " + new java.util.TreeSet<>(allowed));
    }
    return v;
  }

  private static String text(Function<String, String> param, String name, int max) {
    String v = blankToNull(param.apply(name));
    if (v != null && v.length() > max) {
      throw new IllegalArgumentException(name + " is longer than " + max + " characters");
    }
    return v == null ? null : v.trim();
  }

  private static Long time(Function<String, String> param, String name) {
    String v = blankToNull(param.apply(name));
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(name + " must be a time such as 2026-12-01T10:00:00Z");
      }
    }
  }

  private static int integer(Function<String, String> param, String name, int dflt, int min, int max) {
    String v = blankToNull(param.apply(name));
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be an integer in [" + min + ", " + max + "]");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
