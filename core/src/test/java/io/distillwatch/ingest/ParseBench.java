package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Quick benchmark (no JMH): lines/s of {@link EventParser} against plain Jackson {@code readTree} on
 * the same generated lines, per format. Run (see docs/bench/ingest.md):
 *
 * <pre>
 * mvn -o -q -B -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes:$JACKSON io.distillwatch.ingest.ParseBench [lines] [rounds]
 * </pre>
 */
public final class ParseBench {
  private static final String[] WORDS = {
    "solve", "explain", "the", "following", "problem", "step", "by", "reasoning", "write", "a", "function",
    "that", "returns", "prime", "numbers", "translate", "into", "French", "summarise", "article", "about",
    "history", "of", "Lisbon", "museums", "closed", "on", "Mondays", "integral", "matrix", "proof"
  };

  private ParseBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("file")) {
      fileMode(args);
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(Locale.ROOT, "java %s, %d cores, %d lines per format, best of %d rounds%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), n, rounds);
    for (String format : new String[] {"canonical", "openai", "anthropic", "otel"}) {
      byte[][] lines = generate(format, n, new Random(42));
      long bytes = 0;
      for (byte[] l : lines) {
        bytes += l.length;
      }
      double parser = 0;
      double wholeTree = 0;
      double jackson = 0;
      EventParser p = new EventParser(InputFormat.AUTO, null);
      EventParser whole = new EventParser(InputFormat.AUTO, null, true);
      ObjectMapper mapper = new ObjectMapper();
      long sink = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < lines.length; i++) {
          sink += p.parse(lines[i], 0, lines[i].length, "bench", i + 1).events().size();
        }
        long t1 = System.nanoTime();
        for (byte[] l : lines) {
          try {
            JsonNode node = mapper.readTree(l);
            sink += node.size();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < lines.length; i++) {
          sink += whole.parse(lines[i], 0, lines[i].length, "bench", i + 1).events().size();
        }
        long t3 = System.nanoTime();
        parser = Math.max(parser, n / ((t1 - t0) / 1e9));
        jackson = Math.max(jackson, n / ((t2 - t1) / 1e9));
        wholeTree = Math.max(wholeTree, n / ((t3 - t2) / 1e9));
      }
      System.out.printf(Locale.ROOT, "%-9s avg %4d B/line  EventParser %,9.0f lines/s  (whole-tree variant %,9.0f)  Jackson readTree %,9.0f lines/s  ratio %.2f  (%d)%n",
          format, bytes / n, parser, wholeTree, jackson, parser / jackson, sink % 10);
    }
  }

  /**
   * {@code file OUT.jsonl.gz LINES}: writes that many generated canonical lines (gzipped) if the file
   * is missing, then times InputFile + LineReader + EventParser over it against gunzip + LineReader +
   * Jackson readTree, each twice.
   */
  private static void fileMode(String[] args) throws Exception {
    java.nio.file.Path path = java.nio.file.Path.of(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    if (!java.nio.file.Files.exists(path)) {
      try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(path), 1 << 16)) {
        Random rnd = new Random(1);
        for (int done = 0; done < n; done += 50_000) {
          for (byte[] line : generate("canonical", Math.min(50_000, n - done), rnd)) {
            out.write(line);
            out.write('\n');
          }
        }
      }
    }
    ObjectMapper mapper = new ObjectMapper();
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      long events = 0;
      long lines = 0;
      EventParser parser = new EventParser(InputFormat.AUTO, null);
      try (java.io.InputStream in = InputFile.of(path.toString(), path).open()) {
        LineReader r = new LineReader(in);
        while (r.next()) {
          lines++;
          events += parser.parse(r.buffer(), 0, r.length(), "f", r.lineNumber()).events().size();
        }
      }
      long t1 = System.nanoTime();
      long nodes = 0;
      try (java.io.InputStream in = InputFile.of(path.toString(), path).open()) {
        LineReader r = new LineReader(in);
        while (r.next()) {
          nodes += mapper.readTree(r.buffer(), 0, r.length()).size();
        }
      }
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%s: %,d lines, %,d events; ingest %,.0f lines/s (%.1f s), gunzip+readTree %,.0f lines/s (%.1f s), ratio %.2f (%d)%n",
          path.getFileName(), lines, events, lines / ((t1 - t0) / 1e9), (t1 - t0) / 1e9, lines / ((t2 - t1) / 1e9), (t2 - t1) / 1e9,
          (double) (t2 - t1) / (t1 - t0), nodes % 10);
    }
  }

  static byte[][] generate(String format, int n, Random rnd) {
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      String prompt = sentence(rnd, 20 + rnd.nextInt(60));
      String account = "acct-" + rnd.nextInt(5000);
      long ts = 1772443020000L + i * 37L;
      String line;
      switch (format) {
        case "openai":
          line = "{\"ts\": " + ts + ", \"account\": \"" + account + "\", \"ip\": \"198.51.100." + rnd.nextInt(256)
              + "\", \"user_agent\": \"OpenAI/Python 1.58.1\", \"request\": {\"model\": \"gpt-4o\", \"messages\": ["
              + "{\"role\": \"developer\", \"content\": \"You are a helpful assistant.\"}, {\"role\": \"user\", \"content\": \""
              + prompt + "\"}], \"max_completion_tokens\": 4096, \"reasoning_effort\": \"high\", \"n\": 1, \"stream\": false},"
              + " \"response\": {\"id\": \"chatcmpl-" + i + "\", \"object\": \"chat.completion\", \"created\": 1741569952,"
              + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \""
              + sentence(rnd, 100 + rnd.nextInt(300)) + "\"}, \"finish_reason\": \"stop\"}],"
              + " \"usage\": {\"prompt_tokens\": 19, \"completion_tokens\": " + rnd.nextInt(4000)
              + ", \"completion_tokens_details\": {\"reasoning_tokens\": 4}}}}";
          break;
        case "anthropic":
          line = "{\"ts\": \"2026-03-02T10:00:01.123Z\", \"account\": \"" + account + "\", \"request\": {\"model\": \"claude-sonnet-4-5\","
              + " \"max_tokens\": 2048, \"system\": [{\"type\": \"text\", \"text\": \"You are a careful grader.\"}], \"messages\": ["
              + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"" + prompt + "\"}]}],"
              + " \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 16000}}, \"response\": {\"type\": \"message\","
              + " \"usage\": {\"input_tokens\": 40, \"output_tokens\": " + rnd.nextInt(4000) + "}}}";
          break;
        case "otel":
          line = "{\"resourceSpans\": [{\"resource\": {\"attributes\": [{\"key\": \"service.name\", \"value\": {\"stringValue\": \"svc\"}}]},"
              + " \"scopeSpans\": [{\"spans\": [{\"traceId\": \"5b8efff798038103d269b633813fc60c\", \"spanId\": \"eee19b7ec3c1b174\","
              + " \"startTimeUnixNano\": \"" + ts + "000000\", \"endTimeUnixNano\": \"" + (ts + 1500) + "000000\", \"attributes\": ["
              + "{\"key\": \"gen_ai.request.model\", \"value\": {\"stringValue\": \"gpt-4o\"}},"
              + " {\"key\": \"gen_ai.usage.input_tokens\", \"value\": {\"intValue\": \"97\"}},"
              + " {\"key\": \"gen_ai.usage.output_tokens\", \"value\": {\"intValue\": \"52\"}},"
              + " {\"key\": \"enduser.id\", \"value\": {\"stringValue\": \"" + account + "\"}},"
              + " {\"key\": \"gen_ai.input.messages\", \"value\": {\"stringValue\": \"[{\\\"role\\\": \\\"user\\\", \\\"parts\\\": [{\\\"type\\\": \\\"text\\\", \\\"content\\\": \\\""
              + prompt + "\\\"}]}]\"}}]}]}]}]}";
          break;
        default:
          line = "{\"ts\": \"2026-03-02T09:15:02.120Z\", \"request_id\": \"req-" + i + "\", \"account\": \"" + account
              + "\", \"model\": \"frontier-1\", \"ip\": \"203.0.113." + rnd.nextInt(256) + "\", \"asn\": 64500,"
              + " \"user_agent\": \"python-httpx/0.27.2\", \"tls_fp\": \"t13d1516h2_8daaf6152771_d8a2da3f94cd\","
              + " \"system\": \"You are an expert assistant.\", \"messages\": [{\"role\": \"user\", \"content\": \""
              + sentence(rnd, 8) + "\"}, {\"role\": \"assistant\", \"content\": \"(earlier answer)\"}, {\"role\": \"user\", \"content\": \""
              + prompt + "\"}], \"params\": {\"max_tokens\": 8192, \"temperature\": 1.0, \"n\": 1, \"stream\": true},"
              + " \"usage\": {\"input_tokens\": 30, \"output_tokens\": " + rnd.nextInt(4000) + "}, \"status\": 200, \"latency_ms\": 4210}";
      }
      out[i] = line.getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static String sentence(Random rnd, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[rnd.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }
}
