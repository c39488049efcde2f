package io.distillwatch.ingest;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What one input line became. A line yields events, rejections, or both: a canonical or envelope line
 * is either one event or one rejection; an OTLP line yields one event per accepted GenAI record and one
 * rejection per bad record (all with the line's number, the detail naming the record).
 *
 * <p>Invariant for the summary's bookkeeping: {@code events().size() + rejections().size()} records
 * were read from this line; {@link #ignoredRecords()} more OTLP records carried no {@code gen_ai.*}
 * attribute and are not usage records.
 */
public final class ParseResult {
  private final List<UsageEvent> events;
  private final List<Rejection> rejections;
  private final Map<String, Integer> fieldErrorsByField;
  private final int fieldErrors;
  private final InputFormat format;
  private final int ignoredRecords;

  ParseResult(
      List<UsageEvent> events,
      List<Rejection> rejections,
      Map<String, Integer> fieldErrorsByField,
      InputFormat format,
      int ignoredRecords) {
    this.events = events;
    this.rejections = rejections;
    this.fieldErrorsByField = fieldErrorsByField;
    int total = 0;
    for (int v : fieldErrorsByField.values()) {
      total += v;
    }
    this.fieldErrors = total;
    this.format = format;
    this.ignoredRecords = ignoredRecords;
  }

  static ParseResult rejected(Rejection r, InputFormat format) {
    return new ParseResult(List.of(), List.of(r), Map.of(), format, 0);
  }

  /** Accepted events, in input order; empty when the line was rejected. */
  public List<UsageEvent> events() {
    return events;
  }

  /** The first rejection, or null when nothing was rejected. */
  public Rejection rejection() {
    return rejections.isEmpty() ? null : rejections.get(0);
  }

  /** Every rejection (a whole line, or single OTLP records), in input order. */
  public List<Rejection> rejections() {
    return rejections;
  }

  /** True when the line yielded no event. */
  public boolean isRejected() {
    return events.isEmpty() && !rejections.isEmpty();
  }

  /** Number of optional fields dropped because their value was invalid, over all accepted events. */
  public int fieldErrors() {
    return fieldErrors;
  }

  /** {@link #fieldErrors()} by canonical field name (e.g. {@code params.max_tokens}); unmodifiable. */
  public Map<String, Integer> fieldErrorsByField() {
    return Collections.unmodifiableMap(fieldErrorsByField);
  }

  /** The format the line was read as ({@code auto} resolved to a concrete one), or null if not known. */
  public InputFormat format() {
    return format;
  }

  /** OTLP records on this line without any {@code gen_ai.*} attribute, skipped as not usage records. */
  public int ignoredRecords() {
    return ignoredRecords;
  }
}
