package io.distillwatch.ingest;

import java.util.Map;
import java.util.TreeMap;

/** Counts optional fields dropped for invalid values, by canonical field name. */
final class FieldErrors {
  private Map<String, Integer> counts;

  void add(String field) {
    if (counts == null) {
      counts = new TreeMap<>();
    }
    counts.merge(field, 1, Integer::sum);
  }

  boolean isEmpty() {
    return counts == null;
  }

  Map<String, Integer> snapshot() {
    return counts == null ? Map.of() : counts;
  }

  void reset() {
    counts = null;
  }

  void addAll(FieldErrors other) {
    if (other.counts != null) {
      other.counts.forEach((k, v) -> {
        if (counts == null) {
          counts = new TreeMap<>();
        }
        counts.merge(k, v, Integer::sum);
      });
    }
  }
}
