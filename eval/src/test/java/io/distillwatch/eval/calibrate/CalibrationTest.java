package io.distillwatch.eval.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.eval.sim.TruthLabel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration on small hand-made scan outputs and labels. */
class CalibrationTest {
  @TempDir Path dir;

  /** An account line with one signal (events ≥ 50, so its contribution is its full evidence). */
  static String account(String id, String signal, double value, double contribution, String cluster) {
    double score = 1 - Math.exp(-contribution);
    return String.format(Locale.ROOT,
        "{\"account\":\"%s\",\"score\":%.4f,\"verdict\":\"%s\",\"cluster\":%s,\"events\":100,\"first_flagged_at\":null,"
            + "\"signals\":[{\"id\":\"%s\",\"value\":%s,\"contribution\":%s,\"evidence\":\"e\"}],\"screening\":null}%n",
        id, score, score >= 0.8 ? "distillation" : score >= 0.5 ? "suspicious" : "benign",
        cluster == null ? "null" : "\"" + cluster + "\"", signal, value, contribution);
  }

  /**
   * Campaign x: four accounts, chain-of-thought evidence 1.0 (score 0.63, missed at 0.80). Campaign y: two
   * light accounts in a cluster whose combined evidence is 1.2. Benign: 20 humans with evidence 0.3 and
   * 2 labs whose evidence is as strong as campaign x's but for a benchmark damper of 1.0.
   */
  Path scan(boolean benignLikeCampaign) throws IOException {
    Path scan = Files.createDirectories(dir.resolve(benignLikeCampaign ? "scan-hard" : "scan"));
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      a.append(account("x" + i, "elicitation.cot", 0.9, 1.0, null));
    }
    a.append(account("y0", "structure.template_concentration", 0.6, 0.1, "c-1"));
    a.append(account("y1", "structure.template_concentration", 0.6, 0.1, "c-1"));
    for (int i = 0; i < 20; i++) {
      a.append(account("h" + i, "elicitation.cot", 0.4, benignLikeCampaign ? 1.0 : 0.3, null));
    }
    a.append("{\"account\":\"lab0\",\"score\":0,\"verdict\":\"benign\",\"cluster\":null,\"events\":100,\"signals\":["
        + "{\"id\":\"elicitation.cot\",\"value\":0.9,\"contribution\":1.0},{\"id\":\"damper.benchmark\",\"value\":0.9,"
        + "\"contribution\":-1.0}]}\n");
    Files.writeString(scan.resolve("accounts.jsonl"), a.toString());
    Files.writeString(scan.resolve("clusters.jsonl"),
        "{\"cluster\":\"c-1\",\"accounts\":[\"y0\",\"y1\"],\"score\":0.70,\"verdict\":\"suspicious\",\"events\":200,"
            + "\"signals\":[{\"id\":\"structure.template_concentration\",\"value\":0.9,\"contribution\":1.2}],\"links\":[]}\n");
    return scan;
  }

  Path truth() throws IOException {
    StringBuilder t = new StringBuilder("{\"split\":\"tuning\",\"accounts\":{");
    for (int i = 0; i < 4; i++) {
      t.append("\"x").append(i).append("\":{\"label\":\"distillation\",\"population\":\"px\",\"campaign\":\"x\"},");
    }
    t.append("\"y0\":{\"label\":\"distillation\",\"population\":\"py\",\"campaign\":\"y\"},");
    t.append("\"y1\":{\"label\":\"distillation\",\"population\":\"py\",\"campaign\":\"y\"},");
    for (int i = 0; i < 20; i++) {
      t.append("\"h").append(i).append("\":{\"label\":\"benign\",\"population\":\"human\",\"campaign\":null},");
    }
    t.append("\"lab0\":{\"label\":\"benign\",\"population\":\"eval_lab\",\"campaign\":null}}}");
    return Files.writeString(dir.resolve("truth.json"), t.toString());
  }

  @Test
  void reScoringTheStartingSettingReproducesTheScansVerdicts() throws IOException {
    Calibration c = Calibration.fit(scan(false), truth(), List.of(), Calibrator.Options.DEFAULT);
    assertThat(c.result().agreement()).isEqualTo(1.0);
    assertThat(c.result().before().recall()).containsEntry("x", 0.0).containsEntry("y", 0.0);
  }

  @Test
  void fitRaisesRecallWithinTheFalsePositiveBudgetAndWritesAConfigTheScannerLoads() throws IOException {
    Calibration c = Calibration.fit(scan(false), truth(), List.of(), Calibrator.Options.DEFAULT);
    Calibrator.Outcome after = c.result().after();
    assertThat(after.recall()).containsEntry("x", 1.0).containsEntry("y", 1.0);
    assertThat(after.feasible()).isTrue();
    assertThat(after.flaggedBenign().get("human")[0]).isZero();
    assertThat(after.flaggedBenign().get("eval_lab")[0]).isZero();
    Path config = dir.resolve("calibrated.properties");
    c.writeConfig(config);
    DetectionConfig loaded = DetectionConfig.load(config);
    Map<String, Double> fitted = c.fittedConfig();
    assertThat(loaded.distillationThreshold()).isEqualTo(fitted.get("verdict.distillation"));
    assertThat(loaded.get("elicitation.cot.weight")).isEqualTo(fitted.get("elicitation.cot.weight"));
    assertThat(loaded.get("score.context_cap")).isEqualTo(fitted.get("score.context_cap"));
  }

  @Test
  void whenBenignAccountsLookLikeTheCampaignNothingIsGainedAndTheBudgetHolds() throws IOException {
    Calibration c = Calibration.fit(scan(true), truth(), List.of(), Calibrator.Options.DEFAULT);
    // campaign x's evidence is indistinguishable from the humans': flagging x would flag 20 humans
    assertThat(c.result().after().recall()).containsEntry("x", 0.0);
    assertThat(c.result().after().feasible()).isTrue();
  }

  @Test
  void leavingACampaignOutFitsWithoutItsAccounts() throws IOException {
    Calibration c = Calibration.fit(scan(false), truth(), List.of("x"), Calibrator.Options.DEFAULT);
    assertThat(c.result().after().recall()).containsOnlyKeys("y");
    Calibrator.Outcome heldOut = c.apply(scan(false), truth(), Calibrator.Options.DEFAULT);
    assertThat(heldOut.recall()).containsKeys("x", "y");
  }

  @Test
  void analystDecisionsUseTheLatestDecisionAndOneBenignPopulation() throws IOException {
    Path labels = Files.writeString(dir.resolve("labels.jsonl"),
        "{\"account\":\"a\",\"label\":\"benign\",\"decided_at\":\"2026-03-01T00:00:00Z\",\"by\":\"ana\",\"reason\":\"r\"}\n"
            + "{\"account\":\"a\",\"label\":\"distillation\",\"decided_at\":\"2026-03-02T00:00:00Z\",\"by\":\"bo\",\"reason\":\"r\"}\n"
            + "{\"account\":\"b\",\"label\":\"benign\",\"decided_at\":\"2026-03-03T00:00:00Z\",\"by\":\"bo\",\"reason\":\"r\"}\n"
            + "{\"account\":\"c\",\"label\":\"distillation\",\"decided_at\":\"2026-03-05T00:00:00Z\",\"by\":\"bo\",\"reason\":\"r\"}\n"
            + "{\"account\":\"c\",\"label\":\"benign\",\"decided_at\":\"2026-03-04T00:00:00Z\",\"by\":\"ana\",\"reason\":\"r\"}\n");
    Map<String, TruthLabel> l = Labels.load(labels);
    assertThat(l.get("a").isDistillation()).isTrue();
    assertThat(l.get("c").isDistillation()).isTrue();
    assertThat(l.get("b").population()).isEqualTo(Labels.ALL_BENIGN);
    assertThat(l.get("a").campaign()).isEqualTo(Labels.ALL_DISTILLATION);
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"account\":\"a\",\"label\":\"maybe\"}\n");
    assertThatThrownBy(() -> Labels.load(bad)).isInstanceOf(IOException.class).hasMessageContaining("label must be");
  }
}
