package io.distillwatch.flink.source;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.EventParser;
import io.distillwatch.ingest.FieldMapping;
import io.distillwatch.ingest.InputFile;
import io.distillwatch.ingest.InputFiles;
import io.distillwatch.ingest.InputFormat;
import io.distillwatch.ingest.LineReader;
import io.distillwatch.ingest.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads one input file line by line, parses each line and yields its records. Counts records
 * consumed so a split can be resumed by skipping them.
 */
final class ParsingLineIterator implements Iterator<IngestRecord> {
  private final FileSplit split;
  private final EventParser parser;
  private final ArrayDeque<IngestRecord> pending = new ArrayDeque<>();
  private InputStream in;
  private LineReader lines;
  private boolean done;
  long consumed;

  ParsingLineIterator(FileSplit split) {
    this.split = split;
    this.parser =
        new EventParser(
            InputFormat.parse(split.format),
            split.mapSpecs.isEmpty() ? null : FieldMapping.parse(split.mapSpecs));
  }

  @Override
  public boolean hasNext() {
    fill();
    return !pending.isEmpty();
  }

  @Override
  public IngestRecord next() {
    fill();
    if (pending.isEmpty()) {
      throw new NoSuchElementException();
    }
    consumed++;
    return pending.poll();
  }

  private void fill() {
    try {
      if (lines == null && !done) {
        open();
        for (long i = 0; i < split.recordsToSkip && readUntilPending(); i++) {
          pending.poll();
        }
        consumed = split.recordsToSkip;
      }
      readUntilPending();
    } catch (IOException e) {
      // A file that becomes unreadable midway is reported as one rejection, not a job failure.
      pending.add(
          IngestRecord.rejected(
              new Rejection(split.displayName, lines == null ? 0 : lines.lineNumber(),
                  RejectReason.INVALID_FIELD, "read error: " + e.getMessage(), "")));
      finish();
    }
  }

  /** Reads lines until a record is pending or the file ends; true when a record is pending. */
  private boolean readUntilPending() throws IOException {
    while (pending.isEmpty() && !done && readLine()) {
      // keep reading: blank lines yield no record
    }
    return !pending.isEmpty();
  }

  private void open() throws IOException {
    InputFile file = InputFiles.expand(List.of(split.path)).get(0);
    in = file.open();
    lines = new LineReader(in, LineReader.DEFAULT_MAX_LINE_BYTES);
  }

  /** Reads the next physical line into {@link #pending}; false at end of file. */
  private boolean readLine() throws IOException {
    if (!lines.next()) {
      finish();
      return false;
    }
    long lineNo = lines.lineNumber();
    if (lines.tooLong()) {
      pending.add(IngestRecord.rejected(EventParser.lineTooLong(split.displayName, lineNo, lines.buffer(),
          lines.length(), lines.physicalLength(), lines.maxLineBytes())));
      return true;
    }
    if (lines.length() == 0 || isBlank(lines.buffer(), lines.length())) {
      return true; // blank lines are not records
    }
    ParseResult result = parser.parse(lines.buffer(), 0, lines.length(), split.displayName, lineNo);
    String fieldErrors = joinFieldErrors(result.fieldErrorsByField());
    for (UsageEvent e : result.events()) {
      pending.add(IngestRecord.accepted(e, fieldErrors));
      fieldErrors = null; // count a line's field errors once
    }
    for (Rejection r : result.rejections()) {
      pending.add(IngestRecord.rejected(r));
    }
    return true;
  }

  private static boolean isBlank(byte[] buf, int len) {
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String joinFieldErrors(Map<String, Integer> byField) {
    if (byField == null || byField.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    byField.forEach(
        (field, n) -> {
          for (int i = 0; i < n; i++) {
            if (sb.length() > 0) {
              sb.append(',');
            }
            sb.append(field);
          }
        });
    return sb.toString();
  }

  private void finish() {
    done = true;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
