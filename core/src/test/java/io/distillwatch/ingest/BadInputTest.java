package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of broken lines (issue 2, item 3): each rejected with its exact reason, excerpt short and redacted. */
class BadInputTest {
  private static final String OK_TAIL = ", \"prompt\": \"hello\"}";

  static Stream<Arguments> corpus() {
    return Stream.of(
        Arguments.of("truncated JSON", "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"hel", "invalid_json"),
        Arguments.of("truncated after key", "{\"ts\": 1772443020, \"account\":", "invalid_json"),
        Arguments.of("non-JSON text", "GET /v1/chat/completions HTTP/1.1 200", "invalid_json"),
        Arguments.of("trailing garbage", "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"x\"} extra", "invalid_json"),
        Arguments.of("two objects on a line", "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"x\"}{\"a\":1}", "invalid_json"),
        Arguments.of("single quotes", "{'ts': 1772443020, 'account': 'a'}", "invalid_json"),
        Arguments.of("blank line", "   ", "invalid_json"),
        Arguments.of("array", "[{\"ts\": 1772443020}]", "not_an_object"),
        Arguments.of("string", "\"just a string\"", "not_an_object"),
        Arguments.of("number", "42", "not_an_object"),
        Arguments.of("null", "null", "not_an_object"),
        Arguments.of("missing ts", "{\"account\": \"a\"" + OK_TAIL, "missing_field"),
        Arguments.of("null ts", "{\"ts\": null, \"account\": \"a\"" + OK_TAIL, "missing_field"),
        Arguments.of("empty ts", "{\"ts\": \"\", \"account\": \"a\"" + OK_TAIL, "missing_field"),
        Arguments.of("missing account", "{\"ts\": 1772443020" + OK_TAIL, "missing_field"),
        Arguments.of("empty account", "{\"ts\": 1772443020, \"account\": \"\"" + OK_TAIL, "missing_field"),
        Arguments.of("blank account", "{\"ts\": 1772443020, \"account\": \"   \"" + OK_TAIL, "missing_field"),
        Arguments.of("missing prompt", "{\"ts\": 1772443020, \"account\": \"a\"}", "missing_field"),
        Arguments.of("empty prompt", "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"\"}", "missing_field"),
        Arguments.of("empty messages", "{\"ts\": 1772443020, \"account\": \"a\", \"messages\": []}", "missing_field"),
        Arguments.of("no user message", "{\"ts\": 1772443020, \"account\": \"a\", \"messages\": [{\"role\": \"assistant\", \"content\": \"x\"}]}", "missing_field"),
        Arguments.of("unparsable ts", "{\"ts\": \"yesterday\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts without zone", "{\"ts\": \"2026-03-01T12:00:00\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts bad day", "{\"ts\": \"2026-02-30T12:00:00Z\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts bad hour", "{\"ts\": \"2026-03-01T25:00:00Z\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts before 2000", "{\"ts\": \"1999-12-31T23:59:59.999Z\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts at 2100", "{\"ts\": \"2100-01-01T00:00:00Z\", \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("epoch zero", "{\"ts\": 0, \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("negative epoch", "{\"ts\": -1772443020, \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("epoch far future ms", "{\"ts\": 9999999999999, \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("NaN ts", "{\"ts\": NaN, \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("huge integer ts", "{\"ts\": 123456789012345678901234567890, \"account\": \"a\"" + OK_TAIL, "invalid_timestamp"),
        Arguments.of("ts as object", "{\"ts\": {\"s\": 1}, \"account\": \"a\"" + OK_TAIL, "invalid_field"),
        Arguments.of("ts as boolean", "{\"ts\": true, \"account\": \"a\"" + OK_TAIL, "invalid_field"),
        Arguments.of("account as object", "{\"ts\": 1772443020, \"account\": {\"id\": 1}" + OK_TAIL, "invalid_field"),
        Arguments.of("account as boolean", "{\"ts\": 1772443020, \"account\": false" + OK_TAIL, "invalid_field"),
        Arguments.of("prompt as number", "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": 5}", "invalid_field"),
        Arguments.of("messages as string", "{\"ts\": 1772443020, \"account\": \"a\", \"messages\": \"hi\"}", "invalid_field"),
        Arguments.of("pathological nesting", "{\"ts\": 1772443020, \"account\": \"a\", \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + OK_TAIL, "too_deeply_nested"),
        Arguments.of("nesting just over the limit", "{\"a\":" + "{\"b\":".repeat(EventParser.MAX_NESTING_DEPTH) + "1" + "}".repeat(EventParser.MAX_NESTING_DEPTH) + "}", "too_deeply_nested"),
        Arguments.of("unclosed deep nesting", "[".repeat(100_000), "too_deeply_nested"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejectedWithTheExactReason(String name, String line, String reason) {
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(line, "bad.jsonl", 17);
    assertThat(r.events()).as(name).isEmpty();
    Rejection rej = r.rejection();
    assertThat(rej).as(name).isNotNull();
    assertThat(rej.reason).as(name + ": " + rej.detail).isEqualTo(reason);
    assertThat(rej.file).isEqualTo("bad.jsonl");
    assertThat(rej.line).isEqualTo(17);
    assertThat(rej.detail).isNotBlank();
    assertThat(rej.excerpt.length()).isLessThanOrEqualTo(200);
    assertThat(r.fieldErrors()).as("no field errors counted for a rejected line").isZero();
  }

  @Test
  void nestingAtTheLimitIsAccepted() {
    int depth = EventParser.MAX_NESTING_DEPTH - 1; // the top-level object is one level
    String line = "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"p\", \"x\": " + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    assertThat(new EventParser(InputFormat.AUTO, null).parse(line, "f", 1).rejections()).isEmpty();
  }

  static Stream<Arguments> invalidUtf8() {
    return Stream.of(
        Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}),
        Arguments.of("truncated two-byte sequence", new byte[] {(byte) 0xC3}),
        Arguments.of("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}),
        Arguments.of("overlong three-byte", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
        Arguments.of("UTF-16 surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        Arguments.of("above U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
        Arguments.of("Latin-1 e acute", new byte[] {(byte) 0xE9}),
        Arguments.of("0xFF", new byte[] {(byte) 0xFF}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidUtf8")
  void invalidUtf8InsideAStringIsRejected(String name, byte[] bad) {
    byte[] head = "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"caf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, line, 0, head.length);
    System.arraycopy(bad, 0, line, head.length, bad.length);
    System.arraycopy(tail, 0, line, head.length + bad.length, tail.length);
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(line, 0, line.length, "u.jsonl", 3);
    assertThat(r.rejection().reason).as(name).isEqualTo("invalid_utf8");
    assertThat(r.rejection().detail).contains("byte " + head.length);
    assertThat(r.rejection().excerpt).contains("\uFFFD");
  }

  @Test
  void validMultibyteUtf8IsAccepted() {
    ParseResult r = new EventParser(InputFormat.AUTO, null)
        .parse("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"naïve 中文 😀 \\ud83d\\ude00\"}", "f", 1);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.events().get(0).userText).isEqualTo("naïve 中文 😀 😀");
  }

  @Test
  void excerptsAreRedacted() {
    String line = "{\"ts\": \"never\", \"account\": \"a\", \"api_key\": \"sk-live-abcdefghijklmnopqrstuvwx\","
        + " \"email\": \"victim@example.com\", \"headers\": {\"authorization\": \"Bearer abc.def.ghi\"}" + OK_TAIL;
    Rejection r = new EventParser(InputFormat.AUTO, null).parse(line, "f", 1).rejection();
    assertThat(r.reason).isEqualTo("invalid_timestamp");
    assertThat(r.excerpt).doesNotContain("abcdefghijklmnop").doesNotContain("victim").doesNotContain("abc.def.ghi");
    assertThat(r.excerpt.length()).isLessThanOrEqualTo(200);
  }

  @Test
  void excerptOfHugeLineIsShort() {
    byte[] big = new byte[5_000_000];
    Arrays.fill(big, (byte) 'x');
    big[0] = '{';
    Rejection r = new EventParser(InputFormat.AUTO, null).parse(big, 0, big.length, "f", 1).rejection();
    assertThat(r.reason).isEqualTo("invalid_json");
    assertThat(r.excerpt.length()).isLessThanOrEqualTo(200);
  }

  /** A 30 MB line through LineReader and EventParser: one line_too_long, and the next line still parses. */
  @Test
  void thirtyMegabyteLineThenAGoodLine() throws java.io.IOException {
    byte[] good = "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"after\"}\n".getBytes(StandardCharsets.UTF_8);
    int bigSize = 30 * 1024 * 1024;
    byte[] all = new byte[bigSize + 1 + good.length];
    Arrays.fill(all, 0, bigSize, (byte) 'y');
    byte[] head = "{\"api_key\": \"sk-ant-secretsecretsecret\", \"pad\": \"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, all, 0, head.length);
    all[bigSize] = '\n';
    System.arraycopy(good, 0, all, bigSize + 1, good.length);
    LineReader reader = new LineReader(new java.io.ByteArrayInputStream(all));
    EventParser parser = new EventParser(InputFormat.AUTO, null);
    assertThat(reader.next()).isTrue();
    assertThat(reader.tooLong()).isTrue();
    Rejection r = EventParser.lineTooLong("big.jsonl", reader.lineNumber(), reader.buffer(), reader.length(),
        reader.physicalLength(), reader.maxLineBytes());
    assertThat(r.reason).isEqualTo(RejectReason.LINE_TOO_LONG.code());
    assertThat(r.line).isEqualTo(1);
    assertThat(r.detail).contains(String.valueOf(bigSize)).contains(String.valueOf(LineReader.DEFAULT_MAX_LINE_BYTES));
    assertThat(r.excerpt.length()).isLessThanOrEqualTo(200);
    assertThat(r.excerpt).doesNotContain("secretsecret");
    assertThat(reader.next()).isTrue();
    ParseResult next = parser.parse(reader.buffer(), 0, reader.length(), "big.jsonl", reader.lineNumber());
    assertThat(next.events()).singleElement().satisfies(e -> assertThat(e.userText).isEqualTo("after"));
    assertThat(reader.lineNumber()).isEqualTo(2);
  }

  @Test
  void parseFromTheReaderRejectsTooLongLinesItself() throws java.io.IOException {
    byte[] input = ("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"" + "z".repeat(500) + "\"}\n"
        + "{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"ok\"}").getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(new java.io.ByteArrayInputStream(input), 100);
    EventParser parser = new EventParser(InputFormat.AUTO, null);
    assertThat(reader.next()).isTrue();
    ParseResult first = parser.parse(reader, "r.jsonl");
    assertThat(first.rejection().reason).isEqualTo("line_too_long");
    assertThat(first.rejection().line).isEqualTo(1);
    assertThat(first.rejection().excerpt).startsWith("{\"ts\"");
    assertThat(reader.next()).isTrue();
    assertThat(parser.parse(reader, "r.jsonl").events()).singleElement().satisfies(e -> assertThat(e.userText).isEqualTo("ok"));
  }

  @Test
  void otlpRecordsAreRejectedOneByOne() {
    String line = "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": ["
        + span("1772445600000000000", "acct-1", "ok")
        + ", " + span("not-a-number", "acct-2", "bad ts")
        + ", " + span("1772445600000000000", null, "no account")
        + ", " + span("946684700000000000", "acct-3", "before 2000")
        + ", 7]}]}]}";
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(line, "o", 5);
    assertThat(r.events()).hasSize(1);
    assertThat(r.rejections()).extracting(x -> x.reason)
        .containsExactly("invalid_timestamp", "missing_field", "invalid_timestamp", "not_an_object");
    assertThat(r.rejections()).allSatisfy(x -> assertThat(x.line).isEqualTo(5));
    assertThat(r.rejections().get(0).detail).startsWith("resourceSpans[0].scopeSpans[0].spans[1]");
    assertThat(r.isRejected()).isFalse();
  }

  private static String span(String start, String account, String prompt) {
    return "{\"startTimeUnixNano\": \"" + start + "\", \"attributes\": ["
        + (account == null ? "" : "{\"key\": \"enduser.id\", \"value\": {\"stringValue\": \"" + account + "\"}}, ")
        + "{\"key\": \"gen_ai.prompt\", \"value\": {\"stringValue\": \"" + prompt + "\"}}]}";
  }
}
