package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NodeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new NodeCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void checkPrintsTheEffectiveSettingsFromFileAndFlags() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "node-cmd");
    Path props = dir.resolve("node.properties");
    Files.writeString(props, "input=kafka\nkafka.bootstrap-servers=broker:9092\nstore.password=secret\n");
    int code = run("--config", props.toString(), "--parallelism", "2", "--set", "checkpoint.interval=30s", "--check");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("input=kafka", "kafka.bootstrap-servers=broker:9092", "parallelism=2", "checkpoint.interval=30s",
            "store.password=***")
        .doesNotContain("secret");
  }

  @Test
  void anUnknownSettingIsAUsageError() {
    assertThat(run("--set", "checkpoint.intervall=5s", "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown node setting 'checkpoint.intervall'");
  }

  @Test
  void aBadValueIsAUsageError() {
    assertThat(run("--set", "event-time.allowed-lateness=soon", "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("not a duration");
    assertThat(run("--input", "kafka", "--check")).isEqualTo(2);
  }

  @Test
  void aConsoleWithoutLoginIsRefusedOffLoopback() {
    assertThat(run("--set", "http.auth=none", "--set", "http.host=0.0.0.0", "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("http.auth=none is refused unless http.host is a loopback address");
  }

  @Test
  void anUnreadableConfigFileIsExitCode3() {
    assertThat(run("--config", "/nonexistent/node.properties", "--check")).isEqualTo(3);
  }
}
