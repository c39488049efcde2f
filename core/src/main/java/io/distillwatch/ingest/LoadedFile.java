package io.distillwatch.ingest;

import io.distillwatch.event.Rejection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A side file (accounts, models) read into a map by key, with the lines it rejected (same reason codes
 * as events) and the optional fields it dropped. When a key repeats, the last line wins.
 */
public final class LoadedFile<T> {
  private final Map<String, T> entries;
  private final List<Rejection> rejections;
  private final Map<String, Integer> fieldErrorsByField;
  private final int duplicates;

  LoadedFile(Map<String, T> entries, List<Rejection> rejections, Map<String, Integer> fieldErrorsByField, int duplicates) {
    this.entries = Collections.unmodifiableMap(entries);
    this.rejections = Collections.unmodifiableList(rejections);
    this.fieldErrorsByField = Collections.unmodifiableMap(fieldErrorsByField);
    this.duplicates = duplicates;
  }

  /** Entries by key (account id, model name), in file order. */
  public Map<String, T> entries() {
    return entries;
  }

  public T get(String key) {
    return entries.get(key);
  }

  public List<Rejection> rejections() {
    return rejections;
  }

  public Map<String, Integer> fieldErrorsByField() {
    return fieldErrorsByField;
  }

  public int fieldErrors() {
    return fieldErrorsByField.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Lines whose key had been seen before (the later line replaced the earlier). */
  public int duplicates() {
    return duplicates;
  }
}
