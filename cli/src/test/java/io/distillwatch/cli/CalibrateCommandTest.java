package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.detect.DetectionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** calibrate on a hand-made scan output and analysts' decisions. */
class CalibrateCommandTest {
  @TempDir Path dir;

  private Path scan() throws Exception {
    Path scan = Files.createDirectories(dir.resolve("scan"));
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      boolean bad = i < 5;
      a.append("{\"account\":\"u").append(i).append("\",\"score\":0.5,\"verdict\":\"suspicious\",\"cluster\":null,"
          + "\"events\":100,\"signals\":[{\"id\":\"elicitation.rubric_grading\",\"value\":0.5,\"contribution\":")
          .append(bad ? "1.2" : "0.2").append("}]}\n");
    }
    Files.writeString(scan.resolve("accounts.jsonl"), a.toString());
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      l.append("{\"account\":\"u").append(i).append("\",\"label\":\"").append(i < 5 ? "distillation" : "benign")
          .append("\",\"decided_at\":\"2026-03-01T00:00:00Z\",\"by\":\"analyst\",\"reason\":\"review\"}\n");
    }
    Files.writeString(dir.resolve("labels.jsonl"), l.toString());
    return scan;
  }

  @Test
  void writesAConfigTheScannerLoadsFromAnalystsDecisions() throws Exception {
    Path scan = scan();
    Path out = dir.resolve("cal/calibrated.properties");
    int code = new CommandLine(new CalibrateCommand()).execute("--scan-out", scan.toString(),
        "--labels", dir.resolve("labels.jsonl").toString(), "--out", out.toString());
    assertThat(code).isZero();
    DetectionConfig c = DetectionConfig.load(out);
    // 1.2 evidence units is a score of 0.70: the fit must lower the bar or raise the weight to catch it
    double cap = 1 - Math.exp(-1.2 * c.get("elicitation.rubric_grading.weight") / 0.60);
    assertThat(cap).isGreaterThanOrEqualTo(c.distillationThreshold());
    assertThat(Files.readString(dir.resolve("cal/calibration.json"))).contains("\"after\"");
  }

  @Test
  void usageAndUnreadableInputsGetTheirExitCodes() throws Exception {
    Path scan = scan();
    Path out = dir.resolve("c.properties");
    assertThat(new CommandLine(new CalibrateCommand()).execute("--scan-out", scan.toString(), "--out", out.toString()))
        .isEqualTo(2);
    assertThat(new CommandLine(new CalibrateCommand()).execute("--scan-out", scan.toString(),
        "--labels", dir.resolve("none.jsonl").toString(), "--out", out.toString())).isEqualTo(3);
    assertThat(new CommandLine(new CalibrateCommand()).execute("--scan-out", dir.resolve("nowhere").toString(),
        "--labels", dir.resolve("labels.jsonl").toString(), "--out", out.toString())).isEqualTo(3);
  }
}
