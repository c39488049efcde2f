package io.distillwatch.flink.stream;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.ingest.EventParser;
import io.distillwatch.ingest.FieldMapping;
import io.distillwatch.ingest.InputFormat;
import io.distillwatch.ingest.ParseResult;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/** Turns one input record (a Kafka message or a line) into accepted events and rejections with the core parser. */
public final class RecordParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String format;
  private final List<String> mapSpecs;
  private transient EventParser parser;

  /** @param format auto, canonical, openai, anthropic, otel or mapped; {@code mapSpecs} as in {@code scan --map} */
  public RecordParser(String format, List<String> mapSpecs) {
    this.format = format;
    this.mapSpecs = List.copyOf(mapSpecs);
    parser(); // fail fast on a bad format or mapping, before the job is submitted
  }

  private EventParser parser() {
    if (parser == null) {
      parser =
          new EventParser(
              InputFormat.parse(format), mapSpecs.isEmpty() ? null : FieldMapping.parse(mapSpecs));
    }
    return parser;
  }

  /** Parses {@code bytes} read from {@code source} at position {@code position} (a line number or offset). */
  public void parse(byte[] bytes, String source, long position, Consumer<IngestRecord> out) {
    ParseResult result = parser().parse(bytes, 0, bytes.length, source, position);
    String fieldErrors =
        result.fieldErrorsByField().isEmpty() ? null : String.join(",", result.fieldErrorsByField().keySet());
    for (UsageEvent e : result.events()) {
      IngestRecord r = new IngestRecord();
      r.event = e;
      r.fieldErrors = fieldErrors;
      out.accept(r);
    }
    for (Rejection rejection : result.rejections()) {
      IngestRecord r = new IngestRecord();
      r.rejection = rejection;
      out.accept(r);
    }
  }
}
