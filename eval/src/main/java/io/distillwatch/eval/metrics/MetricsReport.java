package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores of several methods on one simulated split, as {@code metrics.json} and a markdown table.
 * The first method is the detector; methods whose label starts with {@code "without "} are ablations;
 * baselines come last. The acceptance check (issue 4): with the detector's false-positive rate at most
 * {@link Baselines#MAX_FPR} in every benign population, its recall is at least every baseline's on every
 * campaign and above the best baseline's overall.
 */
public final class MetricsReport {
  private final String split;
  private final List<MethodResult> methods;
  private final List<MethodResult> baselines;

  public MetricsReport(String split, List<MethodResult> detectorAndAblations, List<MethodResult> baselines) {
    this.split = split;
    this.methods = List.copyOf(detectorAndAblations);
    this.baselines = List.copyOf(baselines);
  }

  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  public List<MethodResult> all() {
    List<MethodResult> out = new ArrayList<>(methods);
    out.addAll(baselines);
    return out;
  }

  /** The acceptance check, or null when there is no detector result. */
  public ObjectNode criteria(ObjectMapper m) {
    if (methods.isEmpty()) {
      return null;
    }
    MethodResult det = methods.get(0);
    ObjectNode c = m.createObjectNode();
    boolean fprOk = det.maxFpr() == null || det.maxFpr() <= Baselines.MAX_FPR + 1e-12;
    c.put("detector_fpr_within_budget", fprOk);
    ObjectNode per = c.putObject("per_campaign");
    boolean all = fprOk;
    for (MethodResult.Campaign dc : det.campaigns().values()) {
      double best = baselines.stream().mapToDouble(b -> b.campaigns().get(dc.campaign()).recall()).max().orElse(0);
      boolean ok = dc.recall() + 1e-12 >= best;
      all &= ok;
      per.putObject(dc.campaign()).put("detector", dc.recall()).put("best_baseline", best).put("ok", ok);
    }
    double bestOverall = baselines.stream().mapToDouble(b -> b.recall() == null ? 0 : b.recall()).max().orElse(0);
    double detOverall = det.recall() == null ? 0 : det.recall();
    boolean overallOk = detOverall > bestOverall || (detOverall == 1.0 && bestOverall == 1.0);
    c.put("overall_detector", detOverall).put("overall_best_baseline", bestOverall).put("overall_ok", overallOk);
    c.put("pass", all && overallOk);
    return c;
  }

  public ObjectNode toJson() {
    ObjectMapper m = mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema_version", 1);
    root.put("split", split);
    root.put("fpr_budget", Baselines.MAX_FPR);
    ArrayNode arr = root.putArray("methods");
    for (MethodResult r : all()) {
      arr.add(m.valueToTree(r));
    }
    ObjectNode crit = criteria(m);
    if (crit != null) {
      root.set("criteria", crit);
    }
    return root;
  }

  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    List<MethodResult> rows = all();
    if (rows.isEmpty()) {
      return "(no results)\n";
    }
    List<String> camps = new ArrayList<>(rows.get(0).campaigns().keySet());
    List<String> pops = new ArrayList<>(rows.get(0).benign().keySet());
    sb.append("#### Split: ").append(split).append("\n\n");
    sb.append("Recall per campaign (verdict `distillation`), overall; FPR budget ")
        .append(pct(Baselines.MAX_FPR)).append(" per benign population.\n\n");
    sb.append("| method |");
    camps.forEach(c -> sb.append(" ").append(c).append(" |"));
    sb.append(" recall | macro recall | precision | max benign FPR | events/s | note |\n|---|");
    camps.forEach(c -> sb.append("---:|"));
    sb.append("---:|---:|---:|---:|---:|---|\n");
    for (MethodResult r : rows) {
      sb.append("| ").append(r.method()).append(" |");
      for (String c : camps) {
        sb.append(" ").append(pct(r.campaigns().get(c).recall())).append(" |");
      }
      sb.append(" ").append(pct(r.recall())).append(" | ").append(pct(r.macroRecall())).append(" | ")
          .append(pct(r.precision())).append(" | ").append(pct(r.maxFpr())).append(" | ")
          .append(r.eventsPerSecond() == null ? "" : String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()))
          .append(" | ").append(r.note() == null ? "" : r.note()).append(" |\n");
    }
    MethodResult det = rows.get(0);
    sb.append("\nPer campaign, ").append(det.method()).append(":\n\n");
    sb.append("| campaign | population | accounts | flagged | + suspicious | largest cluster share | its purity |"
        + " time to first flag | time to 50% flagged | requests | served before flagged | before first flag |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (MethodResult.Campaign c : det.campaigns().values()) {
      sb.append("| ").append(c.campaign()).append(" | ").append(c.population()).append(" | ").append(c.accounts())
          .append(" | ").append(c.flagged()).append(" | ").append(pct(c.recallWithSuspicious())).append(" | ")
          .append(pct(c.largestClusterShare())).append(" | ").append(pct(c.largestClusterPurity())).append(" | ")
          .append(duration(c.secondsToFirstDetection())).append(" | ").append(duration(c.secondsToHalfDetected()))
          .append(" | ").append(num(c.requests())).append(" | ").append(num(c.requestsBeforeDetection())).append(" | ")
          .append(num(c.requestsBeforeFirstDetection())).append(" |\n");
    }
    sb.append("\nFalse-positive rate per benign population (accounts flagged / accounts; suspicious in brackets):\n\n");
    sb.append("| method |");
    for (String p : pops) {
      sb.append(" ").append(p).append(" (").append(rows.get(0).benign().get(p).accounts()).append(") |");
    }
    sb.append("\n|---|");
    pops.forEach(p -> sb.append("---:|"));
    sb.append("\n");
    for (MethodResult r : rows) {
      sb.append("| ").append(r.method()).append(" |");
      for (String p : pops) {
        MethodResult.Population x = r.benign().get(p);
        sb.append(" ").append(pct(x.fpr())).append(" (").append(pct(x.suspiciousRate())).append(") |");
      }
      sb.append("\n");
    }
    if (methods.size() > 1) {
      sb.append("\nAblation (each row: scan with one signal family disabled; Δ against ").append(det.method())
          .append("):\n\n| method | recall | Δ recall | macro recall | Δ macro recall | max benign FPR | Δ max FPR |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (MethodResult r : methods.subList(1, methods.size())) {
        sb.append("| ").append(r.method()).append(" | ").append(pct(r.recall())).append(" | ")
            .append(delta(r.recall(), det.recall())).append(" | ").append(pct(r.macroRecall())).append(" | ")
            .append(delta(r.macroRecall(), det.macroRecall())).append(" | ").append(pct(r.maxFpr())).append(" | ")
            .append(delta(r.maxFpr(), det.maxFpr())).append(" |\n");
      }
    }
    ObjectNode crit = criteria(mapper());
    if (crit != null) {
      sb.append("\nAcceptance (detector FPR ≤ budget everywhere, recall ≥ every baseline per campaign, > overall): **")
          .append(crit.get("pass").asBoolean() ? "pass" : "fail").append("**\n");
    }
    return sb.toString();
  }

  static String pct(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  /** Percentage points, signed; "–" when either side is unknown. */
  static String delta(Double v, Double base) {
    return v == null || base == null ? "–" : String.format(Locale.ROOT, "%+.1f pp", (v - base) * 100);
  }

  static String num(Long v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%,d", v);
  }

  static String duration(Double seconds) {
    if (seconds == null) {
      return "never";
    }
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    if (seconds < 172800) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
  }

  /** Helper for callers holding several splits: headline (held-out) first. */
  public static String combinedMarkdown(Map<String, MetricsReport> bySplit) {
    StringBuilder sb = new StringBuilder();
    for (String key : List.of("heldout", "tuning", "all")) {
      if (bySplit.containsKey(key)) {
        sb.append(bySplit.get(key).toMarkdown()).append("\n");
      }
    }
    return sb.toString();
  }
}
