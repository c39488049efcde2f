package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import org.junit.jupiter.api.Test;

class CanonicalParseTest {
  private final EventParser parser = new EventParser(InputFormat.CANONICAL, null);

  private UsageEvent accept(String line) {
    ParseResult r = parser.parse(line, "f.jsonl", 1);
    assertThat(r.rejection()).as("rejection of %s", line).isNull();
    assertThat(r.events()).hasSize(1);
    return r.events().get(0);
  }

  @Test
  void readsEveryDocumentedField() {
    String line = "{\"ts\": \"2026-03-01T12:00:00.123Z\", \"request_id\": \"req-7f3a\", \"account\": \"acct-123\","
        + " \"api_key\": \"key-9\", \"model\": \"frontier-large-2\", \"ip\": \"203.0.113.5\", \"asn\": 16509,"
        + " \"asn_org\": \"AMAZON-02\", \"country\": \"US\", \"user_agent\": \"openai-python/1.40.0\","
        + " \"tls_fp\": \"t13d1516h2_8daaf6152771_02713d6af862\", \"payment_fp\": \"pm-5c1e\","
        + " \"system\": \"You are a helpful assistant.\","
        + " \"messages\": [{\"role\": \"user\", \"content\": \"first\"}, {\"role\": \"assistant\", \"content\": \"reply\"},"
        + " {\"role\": \"user\", \"content\": \"second question\"}],"
        + " \"params\": {\"max_tokens\": 4096, \"temperature\": 1.0, \"top_p\": 0.9, \"n\": 2, \"logprobs\": false,"
        + " \"top_logprobs\": 0, \"reasoning_effort\": \"high\", \"tools\": 3, \"stream\": true, \"seed\": 7, \"thinking_budget\": 1000},"
        + " \"usage\": {\"input_tokens\": 120, \"output_tokens\": 3900, \"reasoning_tokens\": 2000},"
        + " \"status\": 200, \"latency_ms\": 4210}";
    UsageEvent e = accept(line);
    assertThat(e.ts).isEqualTo(1772366400123L);
    assertThat(e.requestId).isEqualTo("req-7f3a");
    assertThat(e.account).isEqualTo("acct-123");
    assertThat(e.apiKey).isEqualTo("key-9");
    assertThat(e.model).isEqualTo("frontier-large-2");
    assertThat(e.ip).isEqualTo("203.0.113.5");
    assertThat(e.asn).isEqualTo(16509L);
    assertThat(e.asnOrg).isEqualTo("AMAZON-02");
    assertThat(e.country).isEqualTo("US");
    assertThat(e.userAgent).isEqualTo("openai-python/1.40.0");
    assertThat(e.tlsFp).isEqualTo("t13d1516h2_8daaf6152771_02713d6af862");
    assertThat(e.paymentFp).isEqualTo("pm-5c1e");
    assertThat(e.system).isEqualTo("You are a helpful assistant.");
    assertThat(e.userText).isEqualTo("second question");
    assertThat(e.userTurns).isEqualTo(2);
    assertThat(e.assistantTurns).isEqualTo(1);
    assertThat(e.maxTokens).isEqualTo(4096);
    assertThat(e.temperature).isEqualTo(1.0);
    assertThat(e.topP).isEqualTo(0.9);
    assertThat(e.n).isEqualTo(2);
    assertThat(e.logprobs).isFalse();
    assertThat(e.topLogprobs).isEqualTo(0);
    assertThat(e.reasoningEffort).isEqualTo("high");
    assertThat(e.tools).isEqualTo(3);
    assertThat(e.stream).isTrue();
    assertThat(e.seed).isEqualTo(7L);
    assertThat(e.thinkingBudget).isEqualTo(1000);
    assertThat(e.inputTokens).isEqualTo(120L);
    assertThat(e.outputTokens).isEqualTo(3900L);
    assertThat(e.reasoningTokens).isEqualTo(2000L);
    assertThat(e.status).isEqualTo(200);
    assertThat(e.latencyMs).isEqualTo(4210L);
  }

  @Test
  void missingOptionalFieldsStayNull() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"hi\"}");
    assertThat(e.ts).isEqualTo(1772443020000L);
    assertThat(e.userText).isEqualTo("hi");
    assertThat(e.userTurns).isEqualTo(1);
    assertThat(e.assistantTurns).isZero();
    assertThat(e.model).isNull();
    assertThat(e.maxTokens).isNull();
    assertThat(e.inputTokens).isNull();
    assertThat(e.system).isNull();
    assertThat(e.latencyMs).isNull();
  }

  @Test
  void epochMillisecondsAndSecondsAreTellApartAt1e11() {
    assertThat(accept("{\"ts\": 1772443020000, \"account\": \"a\", \"prompt\": \"x\"}").ts).isEqualTo(1772443020000L);
    assertThat(accept("{\"ts\": 1772443020.5, \"account\": \"a\", \"prompt\": \"x\"}").ts).isEqualTo(1772443020500L);
    // just below 1e11 reads as seconds: year 5138, out of range
    assertThat(parser.parse("{\"ts\": 99999999999, \"account\": \"a\", \"prompt\": \"x\"}", "f", 1).rejection().reason)
        .isEqualTo("invalid_timestamp");
  }

  @Test
  void rfc3339Offsets() {
    assertThat(accept("{\"ts\": \"2026-03-01T13:00:00+01:00\", \"account\": \"a\", \"prompt\": \"x\"}").ts)
        .isEqualTo(accept("{\"ts\": \"2026-03-01T12:00:00Z\", \"account\": \"a\", \"prompt\": \"x\"}").ts);
    assertThat(accept("{\"ts\": \"2026-03-01t12:00:00.5z\", \"account\": \"a\", \"prompt\": \"x\"}").ts)
        .isEqualTo(java.time.Instant.parse("2026-03-01T12:00:00.500Z").toEpochMilli());
  }

  @Test
  void contentBlocksAreCountedAndOnlyTextIsKept() {
    String line = "{\"ts\": \"2026-03-02T09:17:05Z\", \"account\": \"acct-3\", \"messages\": ["
        + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Fix the test\"}, {\"type\": \"image\", \"source\": {}}]},"
        + "{\"role\": \"assistant\", \"content\": [{\"type\": \"tool_use\", \"name\": \"run\", \"input\": {\"cmd\": \"pytest\"}}]},"
        + "{\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"content\": \"1 failed\"}]}]}";
    UsageEvent e = accept(line);
    assertThat(e.userTurns).isEqualTo(2);
    assertThat(e.assistantTurns).isEqualTo(1);
    assertThat(e.toolUseBlocks).isEqualTo(1);
    assertThat(e.toolResultBlocks).isEqualTo(1);
    assertThat(e.imageBlocks).isEqualTo(1);
    assertThat(e.userText).isEqualTo(""); // last user message holds only a tool_result: still a prompt
    assertThat(e.isMultiTurn()).isTrue();
  }

  @Test
  void lastUserMessageTextBlocksAreJoined() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": "
        + "[{\"type\": \"text\", \"text\": \"one\"}, {\"type\": \"text\", \"text\": \"two\"}]}]}");
    assertThat(e.userText).isEqualTo("one\ntwo");
  }

  @Test
  void systemAndDeveloperMessagesFormTheSystemPrompt() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"system\": [{\"type\": \"text\", \"text\": \"top\"}],"
        + " \"messages\": [{\"role\": \"developer\", \"content\": \"dev\"}, {\"role\": \"system\", \"content\": \"sys\"},"
        + " {\"role\": \"user\", \"content\": \"q\"}]}");
    assertThat(e.system).isEqualTo("top\ndev\nsys");
    assertThat(e.userTurns).isEqualTo(1);
  }

  @Test
  void textIsCappedAtMaxTextChars() {
    String big = "x".repeat(UsageEvent.MAX_TEXT_CHARS * 3);
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"system\": \"" + big + "\", \"prompt\": \"" + big + "\"}");
    assertThat(e.userText).hasSize(UsageEvent.MAX_TEXT_CHARS);
    assertThat(e.system).hasSize(UsageEvent.MAX_TEXT_CHARS);
  }

  @Test
  void capDoesNotSplitSurrogatePairs() {
    String emoji = "\uD83D\uDE00";
    String text = "a" + emoji.repeat(UsageEvent.MAX_TEXT_CHARS);
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"" + text + "\"}");
    assertThat(e.userText.length()).isLessThanOrEqualTo(UsageEvent.MAX_TEXT_CHARS);
    assertThat(Character.isHighSurrogate(e.userText.charAt(e.userText.length() - 1))).isFalse();
  }

  @Test
  void invalidOptionalFieldsAreDroppedAndCounted() {
    ParseResult r = parser.parse("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"x\", \"ip\": \"not-an-ip\","
        + " \"asn\": -4, \"status\": \"ok\", \"latency_ms\": -1, \"model\": 5,"
        + " \"params\": {\"max_tokens\": -1, \"temperature\": NaN, \"n\": 1.5, \"stream\": \"yes\", \"tools\": [{}, {}]},"
        + " \"usage\": {\"input_tokens\": -3, \"output_tokens\": \"12\", \"reasoning_tokens\": 7}}", "f", 9);
    assertThat(r.rejection()).isNull();
    UsageEvent e = r.events().get(0);
    assertThat(e.ip).isNull();
    assertThat(e.asn).isNull();
    assertThat(e.status).isNull();
    assertThat(e.latencyMs).isNull();
    assertThat(e.model).isNull();
    assertThat(e.maxTokens).isNull();
    assertThat(e.temperature).isNull();
    assertThat(e.n).isNull();
    assertThat(e.stream).isNull();
    assertThat(e.tools).isEqualTo(2);
    assertThat(e.inputTokens).isNull();
    assertThat(e.outputTokens).isNull();
    assertThat(e.reasoningTokens).isEqualTo(7L);
    assertThat(r.fieldErrorsByField())
        .containsEntry("ip", 1).containsEntry("asn", 1).containsEntry("status", 1).containsEntry("latency_ms", 1)
        .containsEntry("model", 1).containsEntry("params.max_tokens", 1).containsEntry("params.temperature", 1)
        .containsEntry("params.n", 1).containsEntry("params.stream", 1).containsEntry("usage.input_tokens", 1)
        .containsEntry("usage.output_tokens", 1).hasSize(11);
    assertThat(r.fieldErrors()).isEqualTo(11);
  }

  @Test
  void asnAsTextAndNumericAccountAreAccepted() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": 12345, \"prompt\": \"x\", \"asn\": \"AS16509\", \"ip\": \"2001:db8::1\"}");
    assertThat(e.account).isEqualTo("12345");
    assertThat(e.asn).isEqualTo(16509L);
    assertThat(e.ip).isEqualTo("2001:db8::1");
  }

  @Test
  void messagesWithoutUserFallBackToPrompt() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"messages\": [{\"role\": \"system\", \"content\": \"s\"}], \"prompt\": \"p\"}");
    assertThat(e.userText).isEqualTo("p");
    assertThat(e.system).isEqualTo("s");
  }

  @Test
  void openAiStyleToolCallsAndToolMessagesAreCounted() {
    UsageEvent e = accept("{\"ts\": 1772443020, \"account\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"weather?\"},"
        + "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", \"function\": {\"name\": \"w\", \"arguments\": \"{}\"}}]},"
        + "{\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"sunny\"},"
        + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"thanks\"}, {\"type\": \"image_url\", \"image_url\": {\"url\": \"data:\"}}]}]}");
    assertThat(e.toolUseBlocks).isEqualTo(1);
    assertThat(e.toolResultBlocks).isEqualTo(1);
    assertThat(e.imageBlocks).isEqualTo(1);
    assertThat(e.userText).isEqualTo("thanks");
    assertThat(e.userTurns).isEqualTo(2);
  }
}
