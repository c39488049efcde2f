package io.distillwatch.screening.lists;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV records (quoted fields may hold commas, doubled quotes and line breaks), each with
 * the physical line where it starts. Not thread-safe.
 */
final class CsvRecords {
  /** One record and the physical line (from 1) it starts on; {@code unterminated} at end of input. */
  record Row(long line, List<String> fields, boolean unterminated) {}

  private final Reader in;
  private long line = 1;
  private int pushback = -2;

  CsvRecords(Reader in) {
    this.in = in;
  }

  /** The next record, or null at end of input. */
  Row next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean atFieldStart = true;
    while (true) {
      if (c == -1) {
        fields.add(field.toString());
        return new Row(start, fields, quoted);
      }
      if (quoted) {
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        atFieldStart = true;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r') {
          int d = read();
          if (d != '\n') {
            pushback = d;
          }
        }
        line++;
        fields.add(field.toString());
        return new Row(start, fields, false);
      } else {
        field.append((char) c);
        atFieldStart = false;
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (pushback != -2) {
      int c = pushback;
      pushback = -2;
      return c;
    }
    return in.read();
  }
}
