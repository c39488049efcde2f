package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The line loop shared by the side-file loaders: gzip, line limit, UTF-8, JSON, object checks. */
final class SideFiles {
  private static final ObjectMapper MAPPER = EventParser.newMapper();

  interface LineMapper<T> {
    /** The entry's key and value; throws {@link Reject} for a bad line. */
    Map.Entry<String, T> map(JsonNode obj, Values values);
  }

  /** Called for lines that do not start with '{', e.g. CSV; null means "not handled, reject". */
  interface TextLineMapper<T> {
    Map.Entry<String, T> map(String line, long lineNo);
  }

  private SideFiles() {}

  static <T> LoadedFile<T> load(Path path, LineMapper<T> mapper, TextLineMapper<T> textMapper) {
    String name = path.toString();
    InputFile file = InputFile.of(name, path);
    return load(name, file::open, mapper, textMapper);
  }

  /** How to open a side file's bytes (a file, or a resource shipped in the jar). */
  interface Opener {
    InputStream open() throws IOException;
  }

  static <T> LoadedFile<T> load(String name, Opener file, LineMapper<T> mapper, TextLineMapper<T> textMapper) {
    Map<String, T> entries = new LinkedHashMap<>();
    List<Rejection> rejections = new ArrayList<>();
    FieldErrors errors = new FieldErrors();
    int duplicates = 0;
    try (InputStream in = file.open()) {
      LineReader reader = new LineReader(in);
      while (reader.next()) {
        long lineNo = reader.lineNumber();
        byte[] buf = reader.buffer();
        int len = reader.length();
        if (reader.tooLong()) {
          rejections.add(EventParser.lineTooLong(name, lineNo, buf, len, reader.physicalLength(), reader.maxLineBytes()));
          continue;
        }
        String text = new String(buf, 0, len, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue; // blank lines and comments carry nothing in side files
        }
        if (Utf8.firstInvalid(buf, 0, len) >= 0) {
          rejections.add(reject(RejectReason.INVALID_UTF8, "invalid UTF-8", buf, len, name, lineNo));
          continue;
        }
        FieldErrors lineErrors = new FieldErrors();
        try {
          Map.Entry<String, T> entry;
          if (text.charAt(0) != '{' && textMapper != null) {
            entry = textMapper.map(text, lineNo);
          } else {
            JsonNode node;
            try {
              node = MAPPER.readTree(text);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
              throw new Reject(RejectReason.TOO_DEEPLY_NESTED, "JSON nested too deeply");
            } catch (IOException e) {
              throw new Reject(RejectReason.INVALID_JSON, "malformed JSON");
            }
            if (!node.isObject()) {
              throw new Reject(RejectReason.NOT_AN_OBJECT, "line is " + Values.kind(node) + ", not an object");
            }
            entry = mapper.map(node, new Values(lineErrors));
          }
          if (entry == null) {
            continue;
          }
          if (entries.containsKey(entry.getKey())) {
            duplicates++;
          }
          entries.put(entry.getKey(), entry.getValue());
          errors.addAll(lineErrors);
        } catch (Reject r) {
          rejections.add(reject(r.reason, r.getMessage(), buf, len, name, lineNo));
        }
      }
    } catch (IOException e) {
      throw new InputUnreadableException("cannot read " + name + ": " + e.getMessage(), e);
    }
    return new LoadedFile<>(entries, rejections, new LinkedHashMap<>(errors.snapshot()), duplicates);
  }

  private static Rejection reject(RejectReason reason, String detail, byte[] buf, int len, String file, long lineNo) {
    return new Rejection(file, lineNo, reason, detail, Redactor.excerpt(buf, 0, len));
  }

  /** Optional time: RFC 3339 or epoch; invalid values are field errors. */
  static Long optionalTime(JsonNode v, Values val, String field) {
    if (Values.absent(v)) {
      return null;
    }
    try {
      return Values.requiredTs(v, field);
    } catch (Reject r) {
      val.invalid(field);
      return null;
    }
  }
}
