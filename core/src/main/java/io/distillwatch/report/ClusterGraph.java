package io.distillwatch.report;

import static io.distillwatch.report.Html.escape;

import io.distillwatch.scan.ClusterResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inline SVG of a cluster: accounts on an outer ring, the shared values linking them on an inner
 * ring (coloured by kind), an edge for each account holding a value. No script, no external resource.
 */
final class ClusterGraph {
  static final int SIZE = 520;
  /** Accounts drawn; larger clusters show this many (the rest are in clusters.jsonl). */
  static final int MAX_ACCOUNTS = 60;
  private static final Map<String, String> COLOURS = Map.ofEntries(
      Map.entry("payment_fp", "#cf222e"), Map.entry("ip", "#bf3989"), Map.entry("ip_prefix", "#8250df"),
      Map.entry("asn", "#6e7781"), Map.entry("tls_fp", "#0969da"), Map.entry("system_prompt", "#1a7f37"),
      Map.entry("template", "#bc4c00"), Map.entry("coactivity", "#4d2d00"), Map.entry("creation_burst", "#9a6700"),
      Map.entry("prompt_overlap", "#116329"), Map.entry("exit_pool", "#512a97"));

  private ClusterGraph() {}

  static String svg(ClusterResult c) {
    List<String> accounts = c.accounts.subList(0, Math.min(c.accounts.size(), MAX_ACCOUNTS));
    Map<String, double[]> at = new HashMap<>();
    double cx = SIZE / 2.0;
    double outer = SIZE / 2.0 - 30;
    for (int i = 0; i < accounts.size(); i++) {
      double a = 2 * Math.PI * i / accounts.size();
      at.put(accounts.get(i), new double[] {cx + outer * Math.cos(a), cx + outer * Math.sin(a)});
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"graph\" role=\"img\" viewBox=\"0 0 ").append(SIZE).append(' ').append(SIZE)
        .append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE).append("\"><title>")
        .append(escape("accounts of " + c.cluster + " and the values they share")).append("</title>");
    double inner = outer * 0.45;
    StringBuilder nodes = new StringBuilder();
    for (int g = 0; g < c.groups.size(); g++) {
      ClusterResult.Group group = c.groups.get(g);
      double a = 2 * Math.PI * g / Math.max(1, c.groups.size()) + 0.3;
      double gx = cx + inner * Math.cos(a);
      double gy = cx + inner * Math.sin(a);
      String colour = COLOURS.getOrDefault(group.kind, "#57606a");
      for (String member : group.members) {
        double[] p = at.get(member);
        if (p != null) {
          sb.append(String.format(Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.45\"/>",
              gx, gy, p[0], p[1], colour));
        }
      }
      nodes.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"><title>%s</title></rect>",
          gx - 5, gy - 5, colour, escape(group.kind + ": " + group.example + " (" + group.members.size() + " accounts)")));
    }
    sb.append(nodes);
    for (String account : accounts) {
      double[] p = at.get(account);
      sb.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#24292f\"><title>%s</title></circle>",
          p[0], p[1], escape(account)));
    }
    sb.append("</svg><div class=\"muted\">");
    COLOURS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (c.groups.stream().anyMatch(g -> g.kind.equals(e.getKey()))) {
        sb.append("<span style=\"color:").append(e.getValue()).append("\">■</span> ")
            .append(escape(e.getKey())).append(" &nbsp; ");
      }
    });
    if (c.accounts.size() > MAX_ACCOUNTS) {
      sb.append(" — ").append(MAX_ACCOUNTS).append(" of ").append(c.accounts.size()).append(" accounts drawn");
    }
    sb.append("</div>");
    return sb.toString();
  }
}
