package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** simulate → scan → score on a tiny held-out simulation (skipped without ../shared/data). */
class EvalCommandIT {
  @TempDir Path dir;

  @Test
  void simulatesScansAndScoresEveryCampaignAndPopulation() throws Exception {
    Assumptions.assumeTrue(SharedData.locate().isPresent(), SharedData.missingMessage());
    int code = new CommandLine(new EvalCommand()).execute("--corpus", SharedData.locate().get().toString(),
        "--out", dir.toString(), "--scale", "0.03", "--days", "3", "--split", "heldout", "--ablate", "cluster");
    assertThat(code).isZero();
    JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    JsonNode methods = m.at("/splits/heldout/methods");
    assertThat(methods.get(0).get("method").asText()).isEqualTo("DistillWatch");
    assertThat(methods.get(0).get("campaigns").fieldNames()).toIterable().containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    assertThat(methods.get(0).get("benign").fieldNames()).toIterable()
        .contains("human", "enterprise", "app_backend", "researcher", "eval_lab", "coding_agent");
    assertThat(methods.findValuesAsText("method")).contains("rate limit (requests/hour)", "volume z-score");
    assertThat(Files.readString(dir.resolve("metrics.md"))).contains("#### Split: heldout");
    assertThat(Files.isRegularFile(dir.resolve("heldout/scan/accounts.jsonl"))).isTrue();
  }
}
