package io.distillwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanOutputTest {
  @TempDir Path dir;

  @Test
  void accountsAreSortedByScoreThenAccountWithTheDocumentedFields() throws Exception {
    AccountResult low = result("acct-b", 0.1, "benign", null);
    AccountResult highB = result("acct-z", 0.9, "distillation", 1_772_323_200_000L);
    AccountResult highA = result("acct-a", 0.9, "distillation", 1_772_323_200_123L);
    highA.signals = List.of(new Signal("volume.requests", 2000, 0.31234567, "2,000 requests"));

    new ScanOutput(dir).writeAccounts(List.of(low, highB, highA), a -> a.equals("acct-b") ? Map.of("outcome", "no_match") : null);

    List<String> lines = Files.readAllLines(dir.resolve(ScanOutput.ACCOUNTS));
    assertThat(lines).hasSize(3);
    JsonNode first = ScanOutput.json().readTree(lines.get(0));
    assertThat(first.get("account").asText()).isEqualTo("acct-a");
    assertThat(ScanOutput.json().readTree(lines.get(1)).get("account").asText()).isEqualTo("acct-z");
    assertThat(first.fieldNames()).toIterable().containsExactly(
        "account", "score", "verdict", "cluster", "events", "first_flagged_at", "first_seen", "last_seen", "signals",
        "screening");
    assertThat(first.get("first_flagged_at").asText()).isEqualTo("2026-03-01T00:00:00.123Z");
    assertThat(first.get("first_seen").asText() + " " + first.get("last_seen").asText())
        .isEqualTo("2026-02-28T23:06:40.000Z 2026-03-01T01:53:20.000Z");
    assertThat(first.get("cluster").isNull()).isTrue();
    assertThat(first.get("signals").get(0).get("contribution").asDouble()).isEqualTo(0.3123);
    JsonNode last = ScanOutput.json().readTree(lines.get(2));
    assertThat(last.get("first_flagged_at").isNull()).isTrue();
    assertThat(last.get("screening").get("outcome").asText()).isEqualTo("no_match");
  }

  @Test
  void summaryCarriesSchemaVersionAndTheBalancedCounts() throws Exception {
    ScanSummary s = new ScanSummary();
    s.records = 10;
    s.accepted = 7;
    s.rejected = 2;
    s.duplicates = 1;
    s.elapsedSeconds = 2;
    new ScanOutput(dir).writeSummary(s);

    JsonNode json = ScanOutput.json().readTree(dir.resolve(ScanOutput.SUMMARY).toFile());
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("accepted").asLong() + json.get("rejected").asLong() + json.get("duplicates").asLong())
        .isEqualTo(json.get("records").asLong());
    assertThat(json.get("events_per_second").asLong()).isEqualTo(5);
    for (String field : List.of("field_errors", "accounts", "flagged_distillation", "flagged_suspicious",
        "elapsed_seconds", "skipped_signals", "thresholds", "config")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
  }

  private static AccountResult result(String account, double score, String verdict, Long flaggedAt) {
    AccountResult r = new AccountResult();
    r.account = account;
    r.score = score;
    r.verdict = verdict;
    r.firstFlaggedAt = flaggedAt;
    r.events = 5;
    r.firstSeen = 1_772_320_000_000L;
    r.lastSeen = 1_772_330_000_000L;
    return r;
  }
}
