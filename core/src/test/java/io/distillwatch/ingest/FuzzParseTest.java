package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random mutations of valid lines (truncation, byte flips, byte insertions, field deletions,
 * type swaps): the parser never throws, and every line is accepted or rejected with a known code.
 * A failure message names the seed and the mutated line.
 */
class FuzzParseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CODES =
      Arrays.stream(RejectReason.values()).map(RejectReason::code).collect(Collectors.toSet());
  private static final int MUTATIONS_PER_SEED = 400;

  static final List<String> VALID = new ArrayList<>();

  static {
    VALID.add("{\"ts\": \"2026-03-02T09:15:02.120Z\", \"request_id\": \"req-0001\", \"account\": \"acct-1\", \"api_key\": \"key-a\", \"model\": \"m\", \"ip\": \"198.51.100.23\", \"asn\": 64500, \"asn_org\": \"Example\", \"country\": \"DE\", \"user_agent\": \"ua\", \"tls_fp\": \"t13d\", \"payment_fp\": \"pm-1\", \"system\": \"sys\", \"messages\": [{\"role\": \"user\", \"content\": \"Can you help?\"}, {\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"name\": \"run\", \"input\": {}}]}, {\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"content\": \"ok\"}, {\"type\": \"text\", \"text\": \"next\"}]}], \"params\": {\"max_tokens\": 4096, \"temperature\": 1.0, \"top_p\": 1.0, \"n\": 1, \"logprobs\": false, \"top_logprobs\": 0, \"reasoning_effort\": \"high\", \"tools\": 3, \"stream\": true, \"seed\": 7}, \"usage\": {\"input_tokens\": 14, \"output_tokens\": 512, \"reasoning_tokens\": 3}, \"status\": 200, \"latency_ms\": 4210}");
    VALID.add("{\"ts\": 1772443020000, \"account\": \"acct-2\", \"prompt\": \"Solve 17x + 4 = 55.\", \"params\": {\"n\": 4}}");
    VALID.addAll(TestLines.resource("openai.jsonl"));
    VALID.addAll(TestLines.resource("anthropic.jsonl"));
    VALID.addAll(TestLines.resource("otel.jsonl"));
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 12).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedLinesAreAcceptedOrRejectedNeverThrown(long seed) throws Exception {
    Random rnd = new Random(seed);
    EventParser parser = new EventParser(InputFormat.AUTO, null);
    for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
      String base = VALID.get(rnd.nextInt(VALID.size()));
      byte[] line = mutate(base, rnd);
      ParseResult r;
      try {
        r = parser.parse(line, 0, line.length, "fuzz", i + 1);
      } catch (Throwable t) {
        fail("seed " + seed + " mutation " + i + " threw " + t + " on: " + new String(line, StandardCharsets.UTF_8), t);
        return;
      }
      String problem = check(r, i + 1);
      if (problem != null) {
        fail("seed " + seed + " mutation " + i + ": " + problem + " on: " + new String(line, StandardCharsets.UTF_8));
      }
    }
  }

  /** The first broken invariant of a result, or null. Plain checks: thousands of lines per seed. */
  private static String check(ParseResult r, long lineNo) {
    if (r.events().isEmpty() && r.rejections().isEmpty()) {
      return "neither accepted nor rejected";
    }
    for (Rejection rej : r.rejections()) {
      if (!CODES.contains(rej.reason)) {
        return "unknown reason " + rej.reason;
      }
      if (rej.excerpt == null || rej.excerpt.length() > 200) {
        return "excerpt missing or longer than 200";
      }
      if (rej.line != lineNo || rej.detail == null || rej.detail.isBlank()) {
        return "bad line number or detail";
      }
    }
    for (UsageEvent e : r.events()) {
      if (!Timestamps.inRange(e.ts) || e.account == null || e.account.isBlank() || e.userText == null
          || e.userText.length() > UsageEvent.MAX_TEXT_CHARS || e.userTurns <= 0) {
        return "accepted event breaks a required-field invariant";
      }
      if (e.assistantTurns < 0 || e.toolUseBlocks < 0 || e.toolResultBlocks < 0 || e.imageBlocks < 0) {
        return "negative count";
      }
      for (Long v : new Long[] {e.inputTokens, e.outputTokens, e.reasoningTokens, e.latencyMs, e.asn}) {
        if (v != null && v < 0) {
          return "negative optional long";
        }
      }
      for (Integer v : new Integer[] {e.maxTokens, e.n, e.topLogprobs, e.thinkingBudget, e.tools}) {
        if (v != null && v < 0) {
          return "negative optional int";
        }
      }
      if (e.temperature != null && (e.temperature.isNaN() || e.temperature.isInfinite() || e.temperature < 0)) {
        return "bad temperature";
      }
    }
    return null;
  }

  static byte[] mutate(String base, Random rnd) throws Exception {
    switch (rnd.nextInt(6)) {
      case 0: { // truncate
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, rnd.nextInt(b.length));
      }
      case 1: { // flip bytes
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        int flips = 1 + rnd.nextInt(4);
        for (int k = 0; k < flips; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      }
      case 2: { // insert random bytes
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        int at = rnd.nextInt(b.length + 1);
        byte[] ins = new byte[1 + rnd.nextInt(6)];
        rnd.nextBytes(ins);
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
      }
      case 3: { // delete fields
        JsonNode root = JSON.readTree(base);
        int deletions = 1 + rnd.nextInt(3);
        for (int k = 0; k < deletions; k++) {
          ObjectNode target = randomObject(root, rnd);
          if (target != null && target.size() > 0) {
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            target.remove(names.get(rnd.nextInt(names.size())));
          }
        }
        return JSON.writeValueAsBytes(root);
      }
      default: { // swap types of values
        JsonNode root = JSON.readTree(base);
        int swaps = 1 + rnd.nextInt(3);
        for (int k = 0; k < swaps; k++) {
          ObjectNode target = randomObject(root, rnd);
          if (target != null && target.size() > 0) {
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            target.set(names.get(rnd.nextInt(names.size())), randomValue(rnd));
          }
        }
        return JSON.writeValueAsBytes(root);
      }
    }
  }

  /** A random object node somewhere in the tree (root included). */
  private static ObjectNode randomObject(JsonNode root, Random rnd) {
    List<ObjectNode> all = new ArrayList<>();
    collect(root, all);
    return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
  }

  private static void collect(JsonNode n, List<ObjectNode> out) {
    if (n.isObject()) {
      out.add((ObjectNode) n);
    }
    if (n.isContainerNode()) {
      n.forEach(c -> collect(c, out));
    }
  }

  private static JsonNode randomValue(Random rnd) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (rnd.nextInt(10)) {
      case 0: return f.nullNode();
      case 1: return f.booleanNode(rnd.nextBoolean());
      case 2: return f.numberNode(rnd.nextLong());
      case 3: return f.numberNode(-rnd.nextInt(1000));
      case 4: return f.numberNode(rnd.nextDouble() * 1e13);
      case 5: return f.numberNode(Double.NaN);
      case 6: return f.textNode("");
      case 7: return f.textNode("x".repeat(rnd.nextInt(5000)));
      case 8: { ArrayNode a = f.arrayNode(); a.add(rnd.nextInt()); a.addObject().put("role", "user"); return a; }
      default: { ObjectNode o = f.objectNode(); o.put("type", "text"); o.put("text", 3); return o; }
    }
  }
}
