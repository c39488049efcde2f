package io.distillwatch.eval.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.eval.metrics.Truth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-campaign-out (docs/evaluation.md): for each campaign style, calibrate on the tuning split's
 * scan without that style's accounts, then re-score the held-out split's scan under the fitted setting and
 * read that style's recall there. Also the calibration on every style, and the shipped setting re-scored,
 * for comparison. Benign FPRs are read at the threshold itself (no margin).
 */
public final class LeaveOneOut {
  /** One style's row. */
  public record Row(String style, double shippedRecall, double calibratedRecall, double locoRecall,
      double locoMaxFpr, String fitted) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Calibration full;
  private final Calibrator.Outcome fullHeldOut;
  private final Calibrator.Outcome shippedHeldOut;
  private final double agreement;

  private LeaveOneOut(Calibration full, Calibrator.Outcome fullHeldOut, Calibrator.Outcome shippedHeldOut, double agreement) {
    this.full = full;
    this.fullHeldOut = fullHeldOut;
    this.shippedHeldOut = shippedHeldOut;
    this.agreement = agreement;
  }

  public static LeaveOneOut run(Path tuningScan, Path tuningTruth, Path heldoutScan, Path heldoutTruth,
      Calibrator.Options options) throws IOException {
    Calibrator.Options measure = new Calibrator.Options(options.fprBudget(), 0);
    Calibration full = Calibration.fit(tuningScan, tuningTruth, List.of(), options);
    ScanEvidence held = ScanEvidence.read(heldoutScan);
    Calibrator heldShipped = new Calibrator(held, Labels.load(heldoutTruth), measure);
    LeaveOneOut out = new LeaveOneOut(full, full.apply(heldoutScan, heldoutTruth, measure),
        heldShipped.measure(heldShipped.start()), heldShipped.agreement(heldShipped.start()));
    for (String style : Truth.load(tuningTruth).campaigns()) {
      Calibration loco = Calibration.fit(tuningScan, tuningTruth, List.of(style), options);
      Calibrator.Outcome o = loco.apply(heldoutScan, heldoutTruth, measure);
      double maxFpr = o.flaggedBenign().values().stream().mapToDouble(v -> v[0] / (double) v[1]).max().orElse(0);
      out.rows.put(style, new Row(style, out.shippedHeldOut.recall().getOrDefault(style, 0.0),
          out.fullHeldOut.recall().getOrDefault(style, 0.0), o.recall().getOrDefault(style, 0.0), maxFpr,
          loco.result().fitted().toString()));
    }
    return out;
  }

  public Calibration full() {
    return full;
  }

  public double macroLocoRecall() {
    return rows.values().stream().mapToDouble(Row::locoRecall).average().orElse(0);
  }

  public ObjectNode toJson(ObjectMapper m) {
    ObjectNode root = m.createObjectNode();
    root.put("heldout_rescoring_agreement", agreement);
    root.put("macro_loco_recall", macroLocoRecall());
    root.put("macro_shipped_recall_rescored", shippedHeldOut.macroRecall());
    root.put("macro_calibrated_recall", fullHeldOut.macroRecall());
    root.set("calibration_on_every_style", full.toJson());
    root.set("heldout_under_full_calibration", Calibration.outcome(m, fullHeldOut));
    root.set("heldout_shipped_rescored", Calibration.outcome(m, shippedHeldOut));
    ObjectNode rs = root.putObject("styles");
    rows.forEach((k, r) -> rs.putObject(k).put("shipped_recall_rescored", r.shippedRecall())
        .put("calibrated_on_all_recall", r.calibratedRecall()).put("loco_recall", r.locoRecall())
        .put("loco_max_benign_fpr", r.locoMaxFpr()).put("loco_fitted", r.fitted()));
    return root;
  }

  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Leave-one-campaign-out: calibrated on the tuning split without the style, "
        + "recall of the style on the held-out split (re-scored from the held-out scan; re-scoring agrees with "
        + "the scan's verdicts on %.1f%% of held-out accounts).%n%n", 100 * agreement));
    sb.append("| style | shipped (re-scored) | calibrated on all styles | **left out** | max benign FPR (left out) |\n");
    sb.append("|---|---:|---:|---:|---:|\n");
    rows.values().forEach(r -> sb.append(String.format(Locale.ROOT, "| %s | %s | %s | **%s** | %s |%n", r.style(),
        pct(r.shippedRecall()), pct(r.calibratedRecall()), pct(r.locoRecall()), pct(r.locoMaxFpr()))));
    sb.append(String.format(Locale.ROOT, "| macro | %s | %s | **%s** | |%n", pct(shippedHeldOut.macroRecall()),
        pct(fullHeldOut.macroRecall()), pct(macroLocoRecall())));
    sb.append("\nCalibration on every style (tuning split): ").append(full.result().fitted()).append('\n');
    return sb.toString();
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
