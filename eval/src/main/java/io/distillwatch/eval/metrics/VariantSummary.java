package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The detector over randomised variants (docs/evaluation.md): per campaign style, recall min and median
 * over the variants it is present in, and for one-account styles the share of variants in which the
 * account is caught; per benign population, the largest FPR over variants and how many variants flagged
 * any of its accounts.
 */
public final class VariantSummary {
  /** Benign populations in which no account may ever be flagged (issue "Detection that holds up"). */
  public static final Set<String> NEVER_FLAGGED = Set.of("eval_lab", "app_backend", "coding_agent", "enterprise");

  private final Map<String, List<MethodResult.Campaign>> campaigns = new TreeMap<>();
  private final Map<String, List<MethodResult.Population>> benign = new TreeMap<>();
  private int variants;

  public void add(MethodResult detector) {
    variants++;
    detector.campaigns().forEach((k, v) -> campaigns.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    detector.benign().forEach((k, v) -> benign.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  public int variants() {
    return variants;
  }

  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Minimum recall of a style over the variants it appears in, or null when it never appears. */
  public Double minRecall(String campaign) {
    List<MethodResult.Campaign> c = campaigns.get(campaign);
    return c == null ? null : c.stream().mapToDouble(MethodResult.Campaign::recall).min().orElse(0);
  }

  public ObjectNode toJson(ObjectMapper m) {
    ObjectNode root = m.createObjectNode();
    root.put("variants", variants);
    ObjectNode cs = root.putObject("campaigns");
    campaigns.forEach((k, list) -> {
      List<Double> r = list.stream().map(MethodResult.Campaign::recall).sorted().toList();
      ObjectNode n = cs.putObject(k);
      n.put("present_in", list.size());
      n.put("min_recall", r.get(0));
      n.put("median_recall", median(r));
      n.put("max_recall", r.get(r.size() - 1));
      if (list.stream().allMatch(c -> c.accounts() == 1)) {
        n.put("share_of_variants_caught", list.stream().filter(c -> c.flagged() == 1).count() / (double) list.size());
      }
    });
    ObjectNode bs = root.putObject("benign");
    benign.forEach((k, list) -> bs.putObject(k)
        .put("max_fpr", list.stream().mapToDouble(MethodResult.Population::fpr).max().orElse(0))
        .put("variants_with_a_flagged_account", list.stream().filter(p -> p.flagged() > 0).count())
        .put("max_accounts", list.stream().mapToInt(MethodResult.Population::accounts).max().orElse(0)));
    return root;
  }

  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Recall per campaign style over %d variants (verdict `distillation`):%n%n", variants));
    sb.append("| style | present in | min | median | max | one account: share of variants caught |\n");
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    campaigns.forEach((k, list) -> {
      List<Double> r = list.stream().map(MethodResult.Campaign::recall).sorted().toList();
      boolean single = list.stream().allMatch(c -> c.accounts() == 1);
      sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", k, list.size(), pct(r.get(0)),
          pct(median(r)), pct(r.get(r.size() - 1)),
          single ? pct(list.stream().filter(c -> c.flagged() == 1).count() / (double) list.size()) : "–"));
    });
    sb.append("\nFalse-positive rate per benign population, largest over variants (budget 0.1%):\n\n");
    sb.append("| population | max FPR | variants with a flagged account | largest size |\n|---|---:|---:|---:|\n");
    benign.forEach((k, list) -> sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d |%n", k,
        pct(list.stream().mapToDouble(MethodResult.Population::fpr).max().orElse(0)),
        list.stream().filter(p -> p.flagged() > 0).count(),
        list.stream().mapToInt(MethodResult.Population::accounts).max().orElse(0))));
    return sb.toString();
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
