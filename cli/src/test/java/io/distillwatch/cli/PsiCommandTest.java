package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.node.psi.PsiEndpoint;
import io.distillwatch.node.psi.PsiNodeSettings;
import io.distillwatch.sharing.sign.NodeKey;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code distillwatch psi} against a PSI endpoint on loopback. */
class PsiCommandTest {

  @TempDir Path dir;
  private PsiEndpoint endpoint;
  private Javalin app;
  private Path keyA;
  private Path membersOfA;
  private Path setA;

  @BeforeEach
  void start() throws Exception {
    NodeKey a = NodeKey.generate("provider-a");
    NodeKey b = NodeKey.generate("provider-b");
    keyA = dir.resolve("a.key");
    a.save(keyA);
    b.save(dir.resolve("b.key"));
    Files.writeString(dir.resolve("members-b.json"), "[" + a.memberEntry() + "]");
    membersOfA = dir.resolve("members-a.json");
    Files.writeString(membersOfA, "[" + b.memberEntry() + "]");
    List<String> linesA = new ArrayList<>(List.of("# flagged by provider A"));
    List<String> linesB = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      linesA.add("account:a-only-" + i);
      linesB.add("account:b-only-" + i);
    }
    for (int i = 0; i < 9; i++) {
      linesA.add("ip:192.0.2." + (i + 1));
      linesB.add("ip:192.0.2." + (i + 1));
    }
    setA = dir.resolve("a.set");
    Files.write(setA, linesA);
    Files.write(dir.resolve("b.set"), linesB);
    Files.writeString(dir.resolve("psi.json"),
        "{\"set\":\"b.set\",\"key\":\"b.key\",\"members\":\"members-b.json\",\"results\":\"b-matches.jsonl\"}");
    endpoint = PsiEndpoint.load(PsiNodeSettings.read(dir.resolve("psi.json"), dir));
    app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
    endpoint.register(app);
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
    endpoint.close();
  }

  private int psi(String... more) {
    List<String> args = new ArrayList<>(List.of("--peer", "http://127.0.0.1:" + app.port() + "/", "--key", keyA.toString(),
        "--members", membersOfA.toString(), "--out", dir.resolve("a-matches.jsonl").toString()));
    args.addAll(List.of(more));
    return new CommandLine(new PsiCommand()).execute(args.toArray(String[]::new));
  }

  @Test
  void intersectWritesCrossrefMatchEvidenceOnBothSides() throws Exception {
    assertThat(psi("--set", setA.toString(), "--mode", "intersect", "--peer-name", "provider-b")).isZero();
    List<String> ours = Files.readAllLines(dir.resolve("a-matches.jsonl"));
    assertThat(ours.stream().filter(l -> l.contains("\"type\":\"crossref.match\""))).hasSize(9)
        .allSatisfy(l -> assertThat(l).contains("\"kind\":\"ip\"", "\"value\":\"192.0.2.", "\"peer\":\"provider-b\""));
    assertThat(Files.readAllLines(dir.resolve("b-matches.jsonl")).stream()
        .filter(l -> l.contains("\"type\":\"crossref.match\""))).hasSize(9);
  }

  @Test
  void badModeIsAUsageErrorAndAMissingSetIsUnreadableInput() {
    assertThat(psi("--set", setA.toString(), "--mode", "everything")).isEqualTo(ExitCodes.USAGE);
    assertThat(psi("--set", dir.resolve("missing.set").toString(), "--mode", "count")).isEqualTo(ExitCodes.INPUT_UNREADABLE);
  }

  @Test
  void aPeerThatRefusesIsExitCodeOne() throws Exception {
    Path small = dir.resolve("small.set");
    Files.write(small, List.of("account:x1", "account:x2", "account:x3"));
    assertThat(psi("--set", small.toString(), "--mode", "count", "--min-set-size", "1")).isEqualTo(1);
    assertThat(psi("--set", setA.toString(), "--mode", "count", "--peer-name", "someone-else")).isEqualTo(1);
  }
}
