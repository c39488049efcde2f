package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.testing.SharedDataTests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
  @TempDir Path dir;

  @Test
  void badSplitOrScaleIsAUsageError() {
    assertThat(new CommandLine(new SimulateCommand()).execute("--out", dir.toString(), "--corpus", dir.toString(), "--split", "test"))
        .isEqualTo(2);
    assertThat(new CommandLine(new SimulateCommand()).execute("--out", dir.toString(), "--corpus", dir.toString(), "--scale", "0"))
        .isEqualTo(2);
    assertThat(new CommandLine(new SimulateCommand()).execute("--corpus", dir.toString())).isEqualTo(2);
  }

  @Test
  void aCorpusWithoutPoolsIsUnreadable() {
    assertThat(new CommandLine(new SimulateCommand()).execute("--out", dir.resolve("o").toString(), "--corpus", dir.toString()))
        .isEqualTo(3);
  }

  @Test
  void writesTheSimulationFiles() {
    Path data = SharedDataTests.require();
    Path out = dir.resolve("sim");
    int code = new CommandLine(new SimulateCommand())
        .execute("--corpus", data.toString(), "--out", out.toString(), "--scale", "0.03", "--days", "3",
            "--split", "heldout");
    assertThat(code).isZero();
    for (String f : new String[] {"events.jsonl.gz", "accounts.jsonl", "models.jsonl", "truth.json", "simulation.json"}) {
      assertThat(Files.isRegularFile(out.resolve(f))).as(f).isTrue();
    }
  }
}
