package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke test of leave-one-campaign-out and randomised variants on tiny simulations (skipped without
 * ../shared/data); the full-size runs are commands outside the suite (docs/evaluation.md).
 */
class GeneralisationIT {
  @TempDir Path dir;

  @Test
  void leaveOneOutAndVariantsProduceTheirTablesAndAConfigScanAccepts() throws Exception {
    Assumptions.assumeTrue(SharedData.locate().isPresent(), SharedData.missingMessage());
    int code = new CommandLine(new EvalCommand()).execute("--corpus", SharedData.locate().get().toString(),
        "--out", dir.toString(), "--scale", "0.03", "--days", "3", "--loco", "--variants", "2");
    assertThat(code).isZero();
    ObjectMapper m = new ObjectMapper();
    JsonNode loco = m.readTree(dir.resolve("loco.json").toFile());
    assertThat(loco.path("styles").fieldNames()).toIterable().contains("a", "b", "c", "d", "f", "j", "k");
    for (JsonNode style : loco.path("styles")) {
      assertThat(style.path("loco_recall").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(Files.readString(dir.resolve("loco.md"))).contains("| macro |");
    DetectionConfig.load(dir.resolve("calibrated.properties")); // the scanner accepts what calibrate wrote
    JsonNode variants = m.readTree(dir.resolve("variants.json").toFile());
    assertThat(variants.path("variants").asInt()).isEqualTo(2);
    assertThat(variants.path("benign").fieldNames()).toIterable().contains("human", "coding_agent");
    assertThat(Files.isRegularFile(dir.resolve("variants/variant-02/metrics.json"))).isTrue();
    assertThat(m.readTree(dir.resolve("variants/variant-01/data/truth.json").toFile()).path("variant").path("index").asInt())
        .isEqualTo(1);
  }
}
