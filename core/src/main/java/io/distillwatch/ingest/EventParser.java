package io.distillwatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one input line into usage events or rejections (DESIGN §2, §4). Never throws on any input
 * bytes. Not thread-safe: use one instance per thread.
 *
 * <p>Checks, in order: blank line ({@code invalid_json}), strict UTF-8 ({@code invalid_utf8}), JSON
 * syntax with a nesting limit of {@value #MAX_NESTING_DEPTH} ({@code invalid_json},
 * {@code too_deeply_nested}), top-level object ({@code not_an_object}), then the format's required
 * fields. See {@code docs/ingest.md}.
 */
public final class EventParser {
  /** Deepest JSON nesting accepted; deeper lines are rejected as {@code too_deeply_nested}. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER = newMapper();

  private final InputFormat format;
  private final FieldMapping mapping;
  private final OtelReader otel = new OtelReader(MAPPER);
  private final SparseTree tree = new SparseTree(MAPPER.getNodeFactory());
  /** Keys materialised from a line; null (whole line) for MAPPED, whose sources can be anything. */
  private final SparseTree.Spec keys;

  /**
   * @param format the input format; {@code AUTO} or {@code CANONICAL} with a mapping means {@code MAPPED}
   * @param mappingOrNull required for {@code MAPPED}
   * @throws IllegalArgumentException for {@code MAPPED} without a mapping, or a mapping with an adapter format
   */
  public EventParser(InputFormat format, FieldMapping mappingOrNull) {
    if (format == null) {
      format = InputFormat.AUTO;
    }
    if (mappingOrNull != null && (format == InputFormat.AUTO || format == InputFormat.CANONICAL)) {
      format = InputFormat.MAPPED;
    }
    if (format == InputFormat.MAPPED && mappingOrNull == null) {
      throw new IllegalArgumentException("--format mapped needs --map TARGET=SOURCE");
    }
    if (format != InputFormat.MAPPED && mappingOrNull != null) {
      throw new IllegalArgumentException("--map applies only to --format mapped, not " + format.code());
    }
    this.format = format;
    this.mapping = mappingOrNull;
    this.keys = format == InputFormat.MAPPED ? null : SparseTree.EVENT_KEYS;
  }

  /** For differential tests: parse whole lines with Jackson's own {@code readTree}. */
  EventParser(InputFormat format, FieldMapping mappingOrNull, boolean wholeTreeForTests) {
    this(format, mappingOrNull);
    this.wholeTree = wholeTreeForTests;
  }

  private boolean wholeTree;

  /** The effective format (AUTO with a mapping is reported as MAPPED). */
  public InputFormat format() {
    return format;
  }

  static ObjectMapper newMapper() {
    JsonFactory f =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dumps writes NaN
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(LineReader.DEFAULT_MAX_LINE_BYTES)
                    .build())
            .build();
    ObjectMapper mapper = new ObjectMapper(f);
    mapper.setNodeFactory(new PresizedNodeFactory());
    return mapper;
  }

  /**
   * Object nodes backed by a pre-sized {@code HashMap}: profiling showed map resizing at ~5 % of parse
   * time with the default {@code LinkedHashMap}; key order is never used here.
   */
  private static final class PresizedNodeFactory extends com.fasterxml.jackson.databind.node.JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public ObjectNode objectNode() {
      return new ObjectNode(this, new java.util.HashMap<>(32));
    }
  }

  /** Parses one line without its newline. {@code lineNo} is the physical line number, from 1. */
  public ParseResult parse(byte[] buf, int offset, int length, String file, long lineNo) {
    int start = offset;
    int end = offset + length;
    while (start < end && isSpace(buf[start])) {
      start++;
    }
    while (end > start && isSpace(buf[end - 1])) {
      end--;
    }
    if (start == end) {
      return reject(RejectReason.INVALID_JSON, "blank line", buf, offset, length, file, lineNo, null);
    }
    int bad = Utf8.firstInvalid(buf, offset, length);
    if (bad >= 0) {
      return reject(RejectReason.INVALID_UTF8, "invalid UTF-8 at byte " + bad, buf, offset, length, file, lineNo, null);
    }
    if (buf[start] != '{') {
      // cheap path for the common non-object cases; still parse so that broken JSON says so
      RejectReason r = RejectReason.NOT_AN_OBJECT;
      String detail = "top-level value is not an object";
      JsonNode node = null;
      try {
        node = readTree(buf, start, end - start, null);
      } catch (StreamConstraintsException e) {
        return reject(RejectReason.TOO_DEEPLY_NESTED, constraintDetail(e), buf, offset, length, file, lineNo, null);
      } catch (Exception e) {
        return reject(RejectReason.INVALID_JSON, jsonDetail(e), buf, offset, length, file, lineNo, null);
      }
      if (node != null) {
        detail = "top-level value is " + Values.kind(node) + ", not an object";
      }
      return reject(r, detail, buf, offset, length, file, lineNo, null);
    }
    JsonNode root;
    try {
      root = readTree(buf, start, end - start, keys);
    } catch (StreamConstraintsException e) {
      RejectReason r = e.getMessage() != null && e.getMessage().contains("nesting depth")
          ? RejectReason.TOO_DEEPLY_NESTED
          : RejectReason.INVALID_FIELD;
      return reject(r, constraintDetail(e), buf, offset, length, file, lineNo, null);
    } catch (Exception e) {
      return reject(RejectReason.INVALID_JSON, jsonDetail(e), buf, offset, length, file, lineNo, null);
    }
    return dispatch(root, buf, offset, length, file, lineNo);
  }

  /**
   * Parses the reader's current line, or rejects it as {@code line_too_long} (with an excerpt of its
   * first bytes) when the reader skipped it.
   */
  public ParseResult parse(LineReader reader, String file) {
    if (reader.tooLong()) {
      return ParseResult.rejected(
          lineTooLong(file, reader.lineNumber(), reader.buffer(), reader.length(), reader.physicalLength(), reader.maxLineBytes()),
          null);
    }
    return parse(reader.buffer(), 0, reader.length(), file, reader.lineNumber());
  }

  /** Convenience for tests and small callers: parses a whole line given as text. */
  public ParseResult parse(String line, String file, long lineNo) {
    byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return parse(b, 0, b.length, file, lineNo);
  }

  private ParseResult dispatch(JsonNode root, byte[] buf, int offset, int length, String file, long lineNo) {
    InputFormat f = format;
    if (f == InputFormat.AUTO) {
      if (OtelReader.isOtlp(root)) {
        f = InputFormat.OTEL;
      } else if (root.path("request").isObject()) {
        f = EnvelopeReader.dialect(root);
      } else {
        f = InputFormat.CANONICAL;
      }
    }
    if (f == InputFormat.OTEL) {
      if (!OtelReader.isOtlp(root)) {
        return reject(RejectReason.UNKNOWN_FORMAT, "not OTLP JSON: no resourceSpans or resourceLogs", buf, offset, length, file, lineNo, f);
      }
      return readOtel(root, buf, offset, length, file, lineNo);
    }
    FieldErrors errors = new FieldErrors();
    UsageEvent e;
    try {
      switch (f) {
        case OPENAI:
        case ANTHROPIC:
          if (!root.path("request").isObject()) {
            return reject(RejectReason.UNKNOWN_FORMAT, "not an " + f.code() + " envelope: no request object", buf, offset, length, file, lineNo, f);
          }
          e = EnvelopeReader.read(root, errors);
          break;
        case MAPPED:
          e = CanonicalReader.read(mappedView(root), errors);
          break;
        default:
          e = CanonicalReader.read(root, errors);
      }
    } catch (Reject r) {
      return reject(r.reason, r.getMessage(), buf, offset, length, file, lineNo, f);
    }
    return new ParseResult(List.of(e), List.of(), errors.snapshot(), f, 0);
  }

  private ParseResult readOtel(JsonNode root, byte[] buf, int offset, int length, String file, long lineNo) {
    List<UsageEvent> events = new ArrayList<>(4);
    List<Rejection> rejections = new ArrayList<>(0);
    FieldErrors all = new FieldErrors();
    int[] ignored = {0};
    String[] excerpt = {null};
    otel.read(
        root,
        new OtelReader.Sink() {
          @Override
          public void accept(UsageEvent e, FieldErrors errors) {
            events.add(e);
            all.addAll(errors);
          }

          @Override
          public void reject(RejectReason reason, String detail) {
            if (excerpt[0] == null) {
              excerpt[0] = Redactor.excerpt(buf, offset, length);
            }
            rejections.add(new Rejection(file, lineNo, reason, detail, excerpt[0]));
          }

          @Override
          public void ignore() {
            ignored[0]++;
          }
        });
    if (events.isEmpty() && rejections.isEmpty()) {
      // never drop a line silently: a line without any GenAI record is reported
      return reject(RejectReason.MISSING_FIELD,
          "no GenAI record on this OTLP line (" + ignored[0] + " spans/log records without gen_ai.* attributes)",
          buf, offset, length, file, lineNo, InputFormat.OTEL);
    }
    return new ParseResult(events, rejections, all.snapshot(), InputFormat.OTEL, ignored[0]);
  }

  /** The line seen through the mapping: mapped targets override same-named canonical keys. */
  private JsonNode mappedView(JsonNode root) {
    ObjectNode view = MAPPER.createObjectNode();
    view.setAll((ObjectNode) root);
    ObjectNode params = null;
    ObjectNode usage = null;
    for (Map.Entry<String, FieldMapping.Source> m : mapping.entries().entrySet()) {
      String target = m.getKey();
      JsonNode value = m.getValue().resolve(root);
      if (target.startsWith("params.")) {
        if (params == null) {
          params = copyObject(root.get("params"));
          view.set("params", params);
        }
        setOrRemove(params, target.substring(7), value);
      } else if (target.startsWith("usage.")) {
        if (usage == null) {
          usage = copyObject(root.get("usage"));
          view.set("usage", usage);
        }
        setOrRemove(usage, target.substring(6), value);
      } else {
        setOrRemove(view, target, value);
      }
    }
    return view;
  }

  private static ObjectNode copyObject(JsonNode n) {
    ObjectNode o = MAPPER.createObjectNode();
    if (n != null && n.isObject()) {
      o.setAll((ObjectNode) n);
    }
    return o;
  }

  private static void setOrRemove(ObjectNode o, String key, JsonNode value) {
    if (value == null) {
      o.remove(key);
    } else {
      o.set(key, value);
    }
  }

  private JsonNode readTree(byte[] buf, int offset, int length, SparseTree.Spec spec) throws java.io.IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(buf, offset, length)) {
      JsonNode node;
      if (wholeTree) {
        node = MAPPER.readTree(p);
      } else {
        JsonToken first = p.nextToken();
        node = first == null ? null : tree.value(p, first, spec);
      }
      if (node == null) {
        throw new JsonParseException(p, "no JSON value");
      }
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw new JsonParseException(p, "unexpected content after the JSON value: " + extra);
      }
      return node;
    }
  }

  private static String jsonDetail(Exception e) {
    String m = e instanceof JsonParseException ? ((JsonParseException) e).getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    m = m.replace('\n', ' ');
    if (e instanceof JsonParseException && ((JsonParseException) e).getLocation() != null) {
      m = m + " (at column " + ((JsonParseException) e).getLocation().getColumnNr() + ")";
    }
    return "malformed JSON: " + Redactor.cap(Redactor.redact(m), 200);
  }

  private static String constraintDetail(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    if (m != null && m.contains("nesting depth")) {
      return "JSON nested deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    return Redactor.cap(String.valueOf(m), 200);
  }

  private static ParseResult reject(RejectReason reason, String detail, byte[] buf, int offset, int length, String file, long lineNo, InputFormat f) {
    return ParseResult.rejected(
        new Rejection(file, lineNo, reason, detail, Redactor.excerpt(buf, offset, length)), f);
  }

  /**
   * The rejection for a line the {@link LineReader} skipped as too long.
   *
   * @param prefix the line's first bytes (for the excerpt), {@code totalBytes} its full length
   */
  public static Rejection lineTooLong(String file, long lineNo, byte[] prefix, int prefixLength, long totalBytes, long limit) {
    return new Rejection(
        file,
        lineNo,
        RejectReason.LINE_TOO_LONG,
        "line of " + totalBytes + " bytes exceeds the limit of " + limit + " bytes",
        Redactor.excerpt(prefix, 0, prefixLength));
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
