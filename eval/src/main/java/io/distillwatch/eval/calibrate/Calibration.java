package io.distillwatch.eval.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.eval.sim.TruthLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code distillwatch calibrate}: labelled accounts + a scan output → a {@code --config} file the scanner
 * accepts, with the fit's before/after figures. Also re-scores another scan output under a fitted setting
 * (leave-one-campaign-out measures held-out recall this way).
 */
public final class Calibration {
  private final ScanEvidence scan;
  private final Calibrator.Fit fit;
  private final Path scanDir;
  private final Path labelsFile;

  private Calibration(ScanEvidence scan, Calibrator.Fit fit, Path scanDir, Path labelsFile) {
    this.scan = scan;
    this.fit = fit;
    this.scanDir = scanDir;
    this.labelsFile = labelsFile;
  }

  /**
   * Fits on a scan output and labels, leaving out the accounts of {@code excludedCampaigns}.
   *
   * @throws IOException when an input cannot be read
   * @throws IllegalArgumentException when the labels hold no distillation or no benign account
   */
  public static Calibration fit(Path scanDir, Path labelsFile, Collection<String> excludedCampaigns,
      Calibrator.Options options) throws IOException {
    Map<String, TruthLabel> labels = new TreeMap<>(Labels.load(labelsFile));
    labels.values().removeIf(l -> l.campaign() != null && excludedCampaigns.contains(l.campaign()));
    if (labels.values().stream().noneMatch(TruthLabel::isDistillation)
        || labels.values().stream().allMatch(TruthLabel::isDistillation)) {
      throw new IllegalArgumentException(labelsFile + ": calibration needs both distillation and benign accounts");
    }
    ScanEvidence scan = ScanEvidence.read(scanDir);
    return new Calibration(scan, new Calibrator(scan, labels, options).fit(), scanDir, labelsFile);
  }

  public Calibrator.Fit result() {
    return fit;
  }

  /** Re-scores a (held-out) scan output under the fitted setting, against its labels. */
  public Calibrator.Outcome apply(Path otherScan, Path otherLabels, Calibrator.Options options) throws IOException {
    ScanEvidence other = ScanEvidence.read(otherScan);
    return new Calibrator(other, Labels.load(otherLabels), options).measure(fit.fitted());
  }

  /** The fitted configuration as properties: every key of the scan's configuration, the fitted ones first. */
  public Map<String, Double> fittedConfig() {
    Map<String, Double> out = new LinkedHashMap<>();
    Calibrator.Setting s = fit.fitted();
    for (Map.Entry<String, Double> e : scan.config.entrySet()) {
      String k = e.getKey();
      if (k.endsWith(".weight")) {
        int g = Evidence.group(k.substring(0, k.length() - ".weight".length()));
        out.put(k, g < 0 ? e.getValue() : e.getValue() * s.multipliers()[g]);
      } else {
        out.put(k, e.getValue());
      }
    }
    out.put("score.context_cap", s.contextCap());
    out.put("verdict.distillation", s.threshold());
    out.put("verdict.suspicious", Math.min(s.threshold(), scan.config.getOrDefault("verdict.suspicious", 0.5)));
    return out;
  }

  /** Writes the {@code --config} file (Java properties). */
  public void writeConfig(Path file) throws IOException {
    Map<String, Double> fitted = fittedConfig();
    StringBuilder sb = new StringBuilder();
    sb.append("# DistillWatch detection configuration written by `distillwatch calibrate` (docs/evaluation.md).\n");
    sb.append("# scan output: ").append(scanDir).append("\n# labels: ").append(labelsFile).append('\n');
    sb.append("# fitted: ").append(fit.fitted()).append('\n');
    sb.append(String.format(Locale.ROOT, "# on these labels: macro recall %.3f -> %.3f, excess false positives %d -> %d%n",
        fit.before().macroRecall(), fit.after().macroRecall(), fit.before().excessFalsePositives(),
        fit.after().excessFalsePositives()));
    sb.append("# settings that differ from the scan's configuration come first\n");
    for (boolean changed : List.of(true, false)) {
      if (!changed) {
        sb.append("\n# unchanged\n");
      }
      for (Map.Entry<String, Double> e : fitted.entrySet()) {
        Double before = scan.config.get(e.getKey());
        boolean differs = before == null || Math.abs(before - e.getValue()) > 1e-12;
        if (differs == changed) {
          sb.append(e.getKey()).append(" = ").append(Calibrator.fmt(e.getValue())).append('\n');
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  public ObjectNode toJson() {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("scan_output", scanDir.toString());
    root.put("labels", labelsFile.toString());
    root.put("start", fit.start().toString());
    root.put("fitted", fit.fitted().toString());
    root.put("rescoring_agreement", fit.agreement());
    root.put("passes", fit.passes());
    root.set("before", outcome(m, fit.before()));
    root.set("after", outcome(m, fit.after()));
    fit.steps().forEach(root.putArray("steps")::add);
    return root;
  }

  static ObjectNode outcome(ObjectMapper m, Calibrator.Outcome o) {
    ObjectNode n = m.createObjectNode();
    n.put("macro_recall", o.macroRecall());
    n.put("overall_recall", o.overallRecall());
    n.put("excess_false_positives", o.excessFalsePositives());
    ObjectNode r = n.putObject("recall");
    o.recall().forEach(r::put);
    ObjectNode b = n.putObject("benign_flagged_within_margin");
    o.flaggedBenign().forEach((k, v) -> b.putObject(k).put("flagged", v[0]).put("accounts", v[1]));
    return n;
  }

  public void writeReport(Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
  }

  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "re-scoring agrees with the scan's verdicts on %.1f%% of labelled accounts%n",
        100 * fit.agreement()));
    sb.append("start:  ").append(fit.start()).append('\n');
    sb.append("fitted: ").append(fit.fitted()).append('\n');
    sb.append(String.format(Locale.ROOT, "macro recall %.3f -> %.3f; overall %.3f -> %.3f; excess false positives %d -> %d%n",
        fit.before().macroRecall(), fit.after().macroRecall(), fit.before().overallRecall(), fit.after().overallRecall(),
        fit.before().excessFalsePositives(), fit.after().excessFalsePositives()));
    fit.after().recall().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-14s %5.1f%% (was %5.1f%%)%n", k,
        100 * v, 100 * fit.before().recall().getOrDefault(k, 0.0))));
    return sb.toString();
  }
}
