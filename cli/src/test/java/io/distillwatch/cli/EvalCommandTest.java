package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Score mode on a hand-made truth and scan output (no evaluation data needed). */
class EvalCommandTest {
  @TempDir Path dir;

  private void handMade() throws Exception {
    Files.writeString(dir.resolve("truth.json"),
        "{\"split\":\"heldout\",\"campaigns\":{\"a\":{\"first_request\":\"2026-03-02T00:00:00Z\"}},\"accounts\":{"
            + "\"x1\":{\"label\":\"distillation\",\"population\":\"hydra\",\"campaign\":\"a\"},"
            + "\"x2\":{\"label\":\"distillation\",\"population\":\"hydra\",\"campaign\":\"a\"},"
            + "\"h1\":{\"label\":\"benign\",\"population\":\"human\",\"campaign\":null}}}");
    Files.writeString(dir.resolve("events.jsonl"),
        "{\"ts\":\"2026-03-02T00:00:00Z\",\"account\":\"x1\",\"prompt\":\"p\"}\n"
            + "{\"ts\":\"2026-03-02T00:10:00Z\",\"account\":\"x1\",\"prompt\":\"p\"}\n"
            + "{\"ts\":\"2026-03-02T00:20:00Z\",\"account\":\"x2\",\"prompt\":\"p\"}\n"
            + "{\"ts\":\"2026-03-02T00:30:00Z\",\"account\":\"h1\",\"prompt\":\"p\"}\n");
    Path scan = Files.createDirectories(dir.resolve("scan"));
    Files.writeString(scan.resolve("accounts.jsonl"),
        "{\"account\":\"x1\",\"score\":0.9,\"verdict\":\"distillation\",\"cluster\":null,\"events\":2,"
            + "\"first_flagged_at\":\"2026-03-02T00:05:00.000Z\",\"signals\":[],\"screening\":null}\n"
            + "{\"account\":\"h1\",\"score\":0.1,\"verdict\":\"benign\",\"cluster\":null,\"events\":1,"
            + "\"first_flagged_at\":null,\"signals\":[],\"screening\":null}\n");
  }

  @Test
  void scoresAScanOutputAgainstTheTruth() throws Exception {
    handMade();
    Path out = dir.resolve("out");
    int code = new CommandLine(new EvalCommand()).execute("--truth", dir.resolve("truth.json").toString(),
        "--scan-out", dir.resolve("scan").toString(), "--events", dir.resolve("events.jsonl").toString(),
        "--out", out.toString());
    assertThat(code).isZero();
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    JsonNode det = m.at("/methods/0");
    assertThat(det.get("method").asText()).isEqualTo("DistillWatch");
    assertThat(det.at("/campaigns/a/recall").asDouble()).isEqualTo(0.5);
    assertThat(det.at("/campaigns/a/seconds_to_first_detection").asDouble()).isEqualTo(300.0);
    assertThat(det.at("/campaigns/a/requests_before_detection").asLong()).isEqualTo(2); // x1: 1, x2 never: 1
    assertThat(m.at("/methods/1/method").asText()).startsWith("rate limit");
    assertThat(Files.readString(out.resolve("metrics.md"))).contains("| DistillWatch | 50.0% |");
  }

  @Test
  void usageAndUnreadableInputsGetTheirExitCodes() throws Exception {
    handMade();
    assertThat(new CommandLine(new EvalCommand()).execute("--truth", dir.resolve("truth.json").toString(),
        "--out", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(new CommandLine(new EvalCommand()).execute("--truth", dir.resolve("nope.json").toString(),
        "--scan-out", dir.resolve("scan").toString(), "--out", dir.resolve("o").toString())).isEqualTo(3);
    assertThat(new CommandLine(new EvalCommand()).execute("--truth", dir.resolve("truth.json").toString(),
        "--scan-out", dir.resolve("missing").toString(), "--out", dir.resolve("o").toString())).isEqualTo(3);
    assertThat(new CommandLine(new EvalCommand()).execute("--out", dir.toString(), "--split", "nope")).isEqualTo(2);
  }
}
