package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.testing.SharedDataTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Adapters on bodies shaped like each API's documented requests and responses. */
class AdapterParseTest {
  private static final List<String> OPENAI = TestLines.resource("openai.jsonl");
  private static final List<String> ANTHROPIC = TestLines.resource("anthropic.jsonl");
  private static final List<String> OTEL = TestLines.resource("otel.jsonl");

  private static UsageEvent one(EventParser p, String line) {
    ParseResult r = p.parse(line, "t", 1);
    assertThat(r.rejections()).as("rejections").isEmpty();
    assertThat(r.events()).hasSize(1);
    return r.events().get(0);
  }

  @ParameterizedTest
  @EnumSource(value = InputFormat.class, names = {"AUTO", "OPENAI"})
  void chatCompletionsEnvelope(InputFormat format) {
    EventParser p = new EventParser(format, null);
    UsageEvent e = one(p, OPENAI.get(0));
    assertThat(e.ts).isEqualTo(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
    assertThat(e.account).isEqualTo("acct-4");
    assertThat(e.requestId).isEqualTo("req-oa-1");
    assertThat(e.ip).isEqualTo("192.0.2.10");
    assertThat(e.userAgent).isEqualTo("OpenAI/Python 1.58.1");
    assertThat(e.status).isEqualTo(200);
    assertThat(e.latencyMs).isEqualTo(2300L);
    assertThat(e.model).isEqualTo("gpt-4o");
    assertThat(e.system).isEqualTo("You are a helpful assistant.");
    assertThat(e.userText).isEqualTo("Hello!");
    assertThat(e.maxTokens).isEqualTo(4096);
    assertThat(e.reasoningEffort).isEqualTo("high");
    assertThat(e.n).isEqualTo(3);
    assertThat(e.logprobs).isTrue();
    assertThat(e.topLogprobs).isEqualTo(5);
    assertThat(e.temperature).isEqualTo(0.7);
    assertThat(e.topP).isEqualTo(1.0);
    assertThat(e.seed).isEqualTo(42L);
    assertThat(e.stream).isFalse();
    assertThat(e.tools).isEqualTo(2);
    assertThat(e.inputTokens).isEqualTo(19L);
    assertThat(e.outputTokens).isEqualTo(10L);
    assertThat(e.reasoningTokens).isEqualTo(4L);
    assertThat(p.parse(OPENAI.get(0), "t", 1).format()).isEqualTo(InputFormat.OPENAI);
  }

  @Test
  void chatCompletionsWithImagesToolCallsAndEpochSeconds() {
    UsageEvent e = one(new EventParser(InputFormat.AUTO, null), OPENAI.get(1));
    assertThat(e.ts).isEqualTo(1772445600000L);
    assertThat(e.system).isEqualTo("Be terse.");
    assertThat(e.userText).isEqualTo("And the colour?");
    assertThat(e.userTurns).isEqualTo(2);
    assertThat(e.assistantTurns).isEqualTo(1);
    assertThat(e.imageBlocks).isEqualTo(1);
    assertThat(e.toolUseBlocks).isEqualTo(1);
    assertThat(e.toolResultBlocks).isEqualTo(1);
    assertThat(e.maxTokens).isEqualTo(300);
    assertThat(e.stream).isTrue();
    assertThat(e.inputTokens).isNull();
  }

  @Test
  void responsesApiEnvelope() {
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(OPENAI.get(2), "t", 3);
    assertThat(r.format()).isEqualTo(InputFormat.OPENAI);
    UsageEvent e = r.events().get(0);
    assertThat(e.userText).isEqualTo("Summarise this.");
    assertThat(e.system).isEqualTo("You are a summariser.");
    assertThat(e.maxTokens).isEqualTo(2000);
    assertThat(e.reasoningEffort).isEqualTo("medium");
    assertThat(e.inputTokens).isEqualTo(12L);
    assertThat(e.outputTokens).isEqualTo(300L);
    assertThat(e.reasoningTokens).isEqualTo(200L);
  }

  @ParameterizedTest
  @EnumSource(value = InputFormat.class, names = {"AUTO", "ANTHROPIC"})
  void messagesEnvelopeWithThinkingAndSystemBlocks(InputFormat format) {
    EventParser p = new EventParser(format, null);
    ParseResult r = p.parse(ANTHROPIC.get(0), "t", 1);
    assertThat(r.format()).isEqualTo(InputFormat.ANTHROPIC);
    UsageEvent e = r.events().get(0);
    assertThat(e.account).isEqualTo("acct-5");
    assertThat(e.model).isEqualTo("claude-sonnet-4-5");
    assertThat(e.system).isEqualTo("You are a careful grader.");
    assertThat(e.userText).isEqualTo("Grade this answer from 1 to 10 against the rubric.");
    assertThat(e.maxTokens).isEqualTo(2048);
    assertThat(e.thinkingBudget).isEqualTo(16000);
    assertThat(e.tools).isEqualTo(1);
    assertThat(e.temperature).isEqualTo(1.0);
    assertThat(e.inputTokens).as("input + cache creation + cache reads").isEqualTo(55L);
    assertThat(e.outputTokens).isEqualTo(700L);
    assertThat(e.n).isNull();
    assertThat(e.logprobs).isNull();
  }

  @Test
  void messagesAgentTurnEndingInToolResultIsAPrompt() {
    UsageEvent e = one(new EventParser(InputFormat.AUTO, null), ANTHROPIC.get(1));
    assertThat(e.system).isEqualTo("You are an agent.");
    assertThat(e.userTurns).isEqualTo(2);
    assertThat(e.assistantTurns).isEqualTo(1);
    assertThat(e.toolUseBlocks).isEqualTo(1);
    assertThat(e.toolResultBlocks).isEqualTo(1);
    assertThat(e.userText).isEmpty();
  }

  @Test
  void messagesWithImageBlockAndDialectFromResponse() {
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(ANTHROPIC.get(2), "t", 1);
    assertThat(r.format()).isEqualTo(InputFormat.ANTHROPIC);
    UsageEvent e = r.events().get(0);
    assertThat(e.imageBlocks).isEqualTo(1);
    assertThat(e.userText).isEqualTo("Describe this image.");
    assertThat(e.inputTokens).isEqualTo(1500L);
  }

  @ParameterizedTest
  @EnumSource(value = InputFormat.class, names = {"AUTO", "OTEL"})
  void otlpSpansOneEventPerGenAiRecord(InputFormat format) {
    ParseResult r = new EventParser(format, null).parse(OTEL.get(0), "otel.jsonl", 1);
    assertThat(r.format()).isEqualTo(InputFormat.OTEL);
    assertThat(r.events()).hasSize(2);
    assertThat(r.ignoredRecords()).as("the HTTP span has no gen_ai attribute").isEqualTo(1);
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejection().reason).isEqualTo("missing_field");
    assertThat(r.rejection().line).isEqualTo(1);
    assertThat(r.rejection().detail).contains("spans[3]").contains("enduser.id");

    UsageEvent e = r.events().get(0);
    assertThat(e.ts).isEqualTo(1772445600000L);
    assertThat(e.latencyMs).isEqualTo(1500L);
    assertThat(e.account).isEqualTo("acct-7");
    assertThat(e.model).isEqualTo("gpt-4o");
    assertThat(e.maxTokens).isEqualTo(4096);
    assertThat(e.temperature).isEqualTo(0.5);
    assertThat(e.topP).isEqualTo(1.0);
    assertThat(e.seed).isEqualTo(100L);
    assertThat(e.n).isEqualTo(2);
    assertThat(e.inputTokens).isEqualTo(97L);
    assertThat(e.outputTokens).isEqualTo(52L);
    assertThat(e.requestId).isEqualTo("chatcmpl-123");
    assertThat(e.ip).isEqualTo("198.51.100.7");
    assertThat(e.system).isEqualTo("You are a helpful bot");
    assertThat(e.userText).isEqualTo("And tomorrow?");
    assertThat(e.userTurns).isEqualTo(2);
    assertThat(e.assistantTurns).isEqualTo(1);
    assertThat(e.toolUseBlocks).isEqualTo(1);
    assertThat(e.toolResultBlocks).isEqualTo(1);

    UsageEvent s = r.events().get(1);
    assertThat(s.account).isEqualTo("acct-8");
    assertThat(s.userText).isEqualTo("Structured hello");
    assertThat(s.latencyMs).isEqualTo(2000L);
    assertThat(s.requestId).isEqualTo("otel:6b8efff798038103d269b633813fc60c:bbb19b7ec3c1b176");
  }

  @Test
  void otlpLogRecordsWithResourceAccountAndLegacyPrompt() {
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(OTEL.get(1), "otel.jsonl", 2);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.events()).hasSize(1);
    UsageEvent e = r.events().get(0);
    assertThat(e.account).isEqualTo("acct-9");
    assertThat(e.ts).isEqualTo(1772445700000L);
    assertThat(e.userText).isEqualTo("legacy json prompt");
    assertThat(e.model).isEqualTo("gpt-4o-mini");
    assertThat(e.outputTokens).isEqualTo(20L);
  }

  @Test
  void explicitFormatOnTheWrongShapeIsUnknownFormat() {
    assertThat(new EventParser(InputFormat.OTEL, null).parse(OPENAI.get(0), "t", 1).rejection().reason)
        .isEqualTo("unknown_format");
    assertThat(new EventParser(InputFormat.OPENAI, null).parse("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"x\"}", "t", 1).rejection().reason)
        .isEqualTo("unknown_format");
  }

  @Test
  void envelopeFallsBackToResponseCreatedForTs() {
    UsageEvent e = one(new EventParser(InputFormat.AUTO, null),
        "{\"account\": \"a\", \"request\": {\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}, \"response\": {\"object\": \"chat.completion\", \"created\": 1741569952}}");
    assertThat(e.ts).isEqualTo(1741569952000L);
  }

  @Test
  void invalidBodyFieldsAreNamedByTheirEnvelopePath() {
    ParseResult r = new EventParser(InputFormat.AUTO, null).parse(
        "{\"ts\": 1772443020, \"account\": \"a\", \"request\": {\"messages\": [{\"role\": \"user\", \"content\": \"q\"}],"
            + " \"max_tokens\": \"lots\", \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": -5}}, \"response\": {\"usage\": {\"output_tokens\": -1}}}", "t", 1);
    assertThat(r.events()).hasSize(1);
    assertThat(r.fieldErrorsByField()).containsOnlyKeys(
        "request.max_tokens", "request.thinking.budget_tokens", "response.usage.output_tokens");
  }

  /** The shared examples beside DESIGN.md, when present: each of the three files, every line accepted. */
  @Test
  void sharedExamplesAreAllAccepted() throws Exception {
    Path examples = SharedDataTests.requireFile(
        SharedDataTests.require().getParent().resolve("examples"), "shared examples folder");
    EventParser p = new EventParser(InputFormat.AUTO, null);
    int n = 0;
    for (String f : List.of("events-canonical.jsonl", "events-openai.jsonl", "events-anthropic.jsonl")) {
      Path file = SharedDataTests.requireFile(examples.resolve(f), "shared example file " + f);
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        ParseResult r = p.parse(line, f, ++n);
        assertThat(r.rejections()).as(f + ": " + line).isEmpty();
        assertThat(r.fieldErrors()).as(f + ": " + r.fieldErrorsByField()).isZero();
      }
    }
    assertThat(n).isPositive();
  }
}
