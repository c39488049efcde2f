package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import org.junit.jupiter.api.Test;

/** Turn keys: a request continuing a conversation names the earlier request it continues. */
class ConversationKeyTest {
  private final EventParser parser = new EventParser(InputFormat.AUTO, null);

  private UsageEvent parse(String messages) {
    String line = "{\"ts\": \"2026-03-01T12:00:00Z\", \"account\": \"a\", \"messages\": " + messages + "}";
    ParseResult r = parser.parse(line, "f.jsonl", 1);
    assertThat(r.rejection()).as("rejection of %s", line).isNull();
    return r.events().get(0);
  }

  @Test
  void aFollowUpNamesTheRequestItContinues() {
    UsageEvent first = parse("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}]");
    UsageEvent second = parse("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"and then?\"}]");
    UsageEvent third = parse("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"and then?\"},"
        + "{\"role\":\"assistant\",\"content\":\"Nothing.\"},{\"role\":\"user\",\"content\":\"ok\"}]");
    assertThat(first.priorTurnKey).isZero();
    assertThat(first.turnKey).isNotZero();
    assertThat(second.priorTurnKey).isEqualTo(first.turnKey);
    assertThat(third.priorTurnKey).isEqualTo(second.turnKey);
  }

  @Test
  void agentLoopsWithToolMessagesAndToolResultBlocks() {
    String call = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}";
    UsageEvent ask = parse("[{\"role\":\"user\",\"content\":\"list files\"}]");
    UsageEvent withResult = parse("[{\"role\":\"user\",\"content\":\"list files\"}," + call
        + ",{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a.txt b.txt\"}]");
    assertThat(withResult.priorTurnKey).isEqualTo(ask.turnKey);

    UsageEvent anthropicAsk = parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"read it\"}]}]");
    UsageEvent anthropicResult = parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"read it\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"read\",\"input\":{}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"ok\"}]}]");
    assertThat(anthropicResult.priorTurnKey).isEqualTo(anthropicAsk.turnKey);
  }

  @Test
  void aFabricatedEarlierTurnNamesNoRequestThatWasSent() {
    UsageEvent sent = parse("[{\"role\":\"user\",\"content\":\"list files\"}]");
    UsageEvent altered = parse("[{\"role\":\"user\",\"content\":\"list all files\"},"
        + "{\"role\":\"assistant\",\"content\":\"a.txt\"},{\"role\":\"user\",\"content\":\"open a.txt\"}]");
    assertThat(altered.priorTurnKey).isNotZero().isNotEqualTo(sent.turnKey);
    UsageEvent shorthand = parser.parse("{\"ts\": 1767000000, \"account\": \"a\", \"prompt\": \"list files\"}", "f", 1)
        .events().get(0);
    assertThat(shorthand.turnKey).as("prompt shorthand = one user message").isEqualTo(sent.turnKey);
  }
}
