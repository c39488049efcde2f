package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.node.store.ConsoleStore.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsExportTest {
  private static final Map<String, List<String>> MEMBERS = Map.of("c-1", List.of("a", "b", "c"));

  @Test
  void theLatestDecisionPerAccountBecomesItsLabelInTheDesignFormat() {
    String out = LabelsExport.jsonl(List.of(
        new Decision("account", "a", "confirmed_distillation", "template farm", "ana", 1_000),
        new Decision("account", "a", "false_positive", "benchmark run", "bo", 2_000),
        new Decision("account", "z", "confirmed_distillation", "cot harvest", "ana", 3_000)), MEMBERS::get);
    assertThat(out).isEqualTo(
        "{\"account\":\"a\",\"label\":\"benign\",\"decided_at\":\"1970-01-01T00:00:02.000Z\",\"by\":\"bo\",\"reason\":\"benchmark run\"}\n"
            + "{\"account\":\"z\",\"label\":\"distillation\",\"decided_at\":\"1970-01-01T00:00:03.000Z\",\"by\":\"ana\",\"reason\":\"cot harvest\"}\n");
  }

  @Test
  void aClusterDecisionLabelsItsMembersUnlessTheyHaveALaterOwnDecision() {
    String out = LabelsExport.jsonl(List.of(
        new Decision("cluster", "c-1", "confirmed_distillation", "one card", "ana", 1_000),
        new Decision("account", "b", "false_positive", "a real team", "bo", 2_000),
        new Decision("account", "c", "needs_more_data", "unclear", "bo", 3_000)), MEMBERS::get);
    assertThat(out.split("\n")).hasSize(2);
    assertThat(out).contains("\"account\":\"a\",\"label\":\"distillation\"").contains("cluster c-1: one card")
        .contains("\"account\":\"b\",\"label\":\"benign\"").doesNotContain("\"account\":\"c\"");
  }
}
