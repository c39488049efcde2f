package io.distillwatch.report;

import static io.distillwatch.report.Html.escape;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.Signal;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.scan.ScanSummary;
import io.distillwatch.util.Times;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code report.html}: one self-contained page (no scripts, no external resources) a reviewer reads
 * first — how the run went, then the flagged accounts ranked with their evidence and activity.
 */
public final class ReportWriter {
  /** Flagged accounts shown in full; the rest are in accounts.jsonl. */
  public static final int MAX_ACCOUNTS_SHOWN = 200;
  /** Flagged clusters drawn as graphs. */
  public static final int MAX_CLUSTERS_DRAWN = 50;

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1100px;color:#1b1f24;padding:0 16px}
      h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
      table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f6f8fa;font-weight:600}.num{text-align:right;font-variant-numeric:tabular-nums}
      .facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px}
      .fact{background:#f6f8fa;border-radius:6px;padding:8px}.fact b{display:block;font-size:18px}
      .account{border:1px solid #d0d7de;border-radius:8px;padding:12px;margin:12px 0}
      .verdict-distillation{color:#fff;background:#cf222e;border-radius:4px;padding:1px 6px}
      .verdict-suspicious{color:#1b1f24;background:#f2cc60;border-radius:4px;padding:1px 6px}
      .verdict-benign{background:#dafbe1;border-radius:4px;padding:1px 6px}
      .neg{color:#1a7f37}.pos{color:#cf222e}.muted{color:#656d76}
      .graph{display:block;margin:8px 0}.chart rect{fill:#0969da}.chart text{font-size:10px;fill:#656d76}
      code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;word-break:break-all}
      """;

  private Function<String, Object> screening = account -> null;

  /** Shows each account's screening result (a DESIGN §6 object as a map, or null). */
  public ReportWriter withScreening(Function<String, Object> screening) {
    this.screening = screening;
    return this;
  }

  public void write(Path file, ScanSummary summary, List<AccountResult> ranked, List<ClusterResult> clusters) {
    try {
      Files.writeString(file, render(summary, ranked, clusters), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String render(ScanSummary summary, List<AccountResult> ranked, List<ClusterResult> clusters) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        .append("<title>DistillWatch scan report</title><style>").append(CSS).append("</style></head><body>");
    sb.append("<h1>DistillWatch scan report</h1>");
    runSection(sb, summary);
    flaggedSection(sb, ranked);
    clusterSection(sb, clusters);
    screeningSection(sb, ranked);
    rejectedSection(sb, summary);
    configSection(sb, summary);
    sb.append("<p class=\"muted\">Verdicts are evidence for a reviewer, not automatic enforcement. ")
        .append("Full results: accounts.jsonl, clusters.jsonl, rejected.jsonl, summary.json.</p>");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static void runSection(StringBuilder sb, ScanSummary s) {
    sb.append("<h2>The run</h2><div class=\"facts\">");
    fact(sb, "records read", s.records);
    fact(sb, "accepted", s.accepted);
    fact(sb, "rejected lines", s.rejected);
    fact(sb, "duplicates", s.duplicates);
    fact(sb, "invalid optional fields", s.fieldErrors);
    fact(sb, "accounts", s.accounts);
    fact(sb, "distillation", s.flaggedDistillation);
    fact(sb, "suspicious", s.flaggedSuspicious);
    fact(sb, "seconds", String.format(Locale.ROOT, "%.1f", s.elapsedSeconds));
    fact(sb, "events / s", String.format(Locale.ROOT, "%,d", Math.round(s.eventsPerSecond())));
    sb.append("</div>");
    sb.append("<p>Inputs: ");
    for (int i = 0; i < s.inputs.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append("<code>").append(escape(s.inputs.get(i))).append("</code>");
    }
    sb.append("</p>");
    if (!s.skippedSignals.isEmpty()) {
      sb.append("<p><b>Skipped signals</b> (their input was not given): ");
      sb.append(escape(String.join(", ", s.skippedSignals))).append("</p>");
    }
    if (!s.fieldErrorsByField.isEmpty()) {
      sb.append("<p>Invalid optional fields dropped (events kept): ");
      appendCounts(sb, s.fieldErrorsByField);
      sb.append("</p>");
    }
  }

  private void screeningSection(StringBuilder sb, List<AccountResult> ranked) {
    List<String> rows = new java.util.ArrayList<>();
    for (AccountResult a : ranked) {
      String line = screeningLine(a.account);
      if (line != null && !line.startsWith("no_match")) {
        rows.add("<tr><td class=\"mono\">" + escape(a.account) + "</td><td>" + escape(line) + "</td></tr>");
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    sb.append("<h2>Screening (").append(rows.size()).append(" to review)</h2>")
        .append("<p class=\"muted\">Export-control and sanctions matches are evidence for a reviewer, never a legal ")
        .append("clearance, and do not change the distillation score.</p><table><tr><th>account</th><th>result</th></tr>");
    rows.forEach(sb::append);
    sb.append("</table>");
  }

  /** "outcome score: entry (list) — reason", or null without a result. */
  @SuppressWarnings("unchecked")
  private String screeningLine(String account) {
    Object r = screening.apply(account);
    if (!(r instanceof Map)) {
      return null;
    }
    Map<String, Object> m = (Map<String, Object>) r;
    StringBuilder line = new StringBuilder(String.valueOf(m.get("outcome")));
    if (m.get("score") instanceof Number n) {
      line.append(String.format(Locale.ROOT, " %.2f", n.doubleValue()));
    }
    if (m.get("entry") instanceof Map<?, ?> e) {
      line.append(": ").append(e.get("name")).append(" (").append(e.get("list")).append(")");
    }
    if (m.get("reason") != null) {
      line.append(" — ").append(m.get("reason"));
    }
    return line.toString();
  }

  private void flaggedSection(StringBuilder sb, List<AccountResult> ranked) {
    List<AccountResult> flagged =
        ranked.stream().filter(a -> !"benign".equals(a.verdict)).toList();
    sb.append("<h2>Flagged accounts (").append(flagged.size()).append(")</h2>");
    if (flagged.isEmpty()) {
      sb.append("<p>No account reached <i>suspicious</i> or <i>distillation</i>.</p>");
      return;
    }
    sb.append("<table><tr><th>#</th><th>account</th><th>verdict</th><th class=\"num\">score</th>")
        .append("<th class=\"num\">events</th><th>first flagged</th><th>cluster</th></tr>");
    int rank = 0;
    for (AccountResult a : flagged) {
      if (++rank > MAX_ACCOUNTS_SHOWN) {
        break;
      }
      sb.append("<tr><td class=\"num\">").append(rank).append("</td><td><a href=\"#a").append(rank)
          .append("\" class=\"mono\">").append(escape(a.account)).append("</a></td><td>");
      verdict(sb, a.verdict);
      sb.append("</td><td class=\"num\">").append(fmt(a.score)).append("</td><td class=\"num\">")
          .append(a.events).append("</td><td>").append(escape(Times.formatOrNull(a.firstFlaggedAt)))
          .append("</td><td class=\"mono\">").append(escape(a.cluster)).append("</td></tr>");
    }
    sb.append("</table>");
    rank = 0;
    for (AccountResult a : flagged) {
      if (++rank > MAX_ACCOUNTS_SHOWN) {
        sb.append("<p class=\"muted\">").append(flagged.size() - MAX_ACCOUNTS_SHOWN)
            .append(" more flagged accounts are listed in accounts.jsonl.</p>");
        break;
      }
      accountCard(sb, a, rank);
    }
  }

  private void accountCard(StringBuilder sb, AccountResult a, int rank) {
    sb.append("<div class=\"account\" id=\"a").append(rank).append("\"><b class=\"mono\">")
        .append(escape(a.account)).append("</b> ");
    verdict(sb, a.verdict);
    sb.append(" score ").append(fmt(a.score)).append(", ").append(a.events).append(" events");
    if (a.cluster != null) {
      sb.append(", cluster <span class=\"mono\">").append(escape(a.cluster)).append("</span>");
    }
    String screened = screeningLine(a.account);
    if (screened != null) {
      sb.append("<div>Screening: ").append(escape(screened)).append("</div>");
    }
    sb.append(ActivityChart.svg(a.activityStart, a.activityBucketMillis, a.activity));
    sb.append("<table><tr><th>signal</th><th class=\"num\">value</th><th class=\"num\">contribution</th><th>evidence</th></tr>");
    for (Signal s : a.signals) {
      sb.append("<tr><td class=\"mono\">").append(escape(s.id)).append("</td><td class=\"num\">")
          .append(fmt(s.value)).append("</td><td class=\"num ").append(s.contribution < 0 ? "neg" : "pos")
          .append("\">").append(String.format(Locale.ROOT, "%+.3f", s.contribution))
          .append("</td><td>").append(escape(s.evidence)).append("</td></tr>");
    }
    sb.append("</table></div>");
  }

  private static void clusterSection(StringBuilder sb, List<ClusterResult> clusters) {
    if (clusters.isEmpty()) {
      return;
    }
    sb.append("<h2>Clusters (").append(clusters.size()).append(")</h2><table><tr><th>cluster</th>")
        .append("<th>verdict</th><th class=\"num\">score</th><th class=\"num\">accounts</th><th>links</th></tr>");
    for (ClusterResult c : clusters) {
      sb.append("<tr><td class=\"mono\">").append(escape(c.cluster)).append("</td><td>");
      verdict(sb, c.verdict);
      sb.append("</td><td class=\"num\">").append(fmt(c.score)).append("</td><td class=\"num\">")
          .append(c.accounts.size()).append("</td><td>");
      for (ClusterResult.Link l : c.links) {
        sb.append(escape(l.kind)).append(" ×").append(l.count).append(' ');
      }
      sb.append("</td></tr>");
    }
    sb.append("</table>");
    int drawn = 0;
    for (ClusterResult c : clusters) {
      if ("benign".equals(c.verdict) || ++drawn > MAX_CLUSTERS_DRAWN) {
        continue;
      }
      sb.append("<div class=\"account\"><b class=\"mono\">").append(escape(c.cluster)).append("</b> ");
      verdict(sb, c.verdict);
      sb.append(" score ").append(fmt(c.score)).append(", ").append(c.accounts.size()).append(" accounts, ")
          .append(c.events).append(" events combined");
      if (c.firstFlaggedAt != null) {
        sb.append(", flagged at ").append(escape(Times.format(c.firstFlaggedAt)));
      }
      sb.append("<br>").append(ClusterGraph.svg(c));
      sb.append(ActivityChart.svg(c.activityStart, c.activityBucketMillis, c.activity));
      sb.append("<table><tr><th>link</th><th class=\"num\">pairs</th><th class=\"num\">weight</th><th>examples</th></tr>");
      for (ClusterResult.Link l : c.links) {
        sb.append("<tr><td class=\"mono\">").append(escape(l.kind)).append("</td><td class=\"num\">").append(l.count)
            .append("</td><td class=\"num\">").append(fmt(l.weight)).append("</td><td class=\"mono\">")
            .append(escape(String.join(" · ", l.examples))).append("</td></tr>");
      }
      sb.append("</table><table><tr><th>signal of the combined traffic</th><th class=\"num\">contribution</th><th>evidence</th></tr>");
      for (Signal s : c.signals) {
        sb.append("<tr><td class=\"mono\">").append(escape(s.id)).append("</td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%+.3f", s.contribution)).append("</td><td>")
            .append(escape(s.evidence)).append("</td></tr>");
      }
      sb.append("</table></div>");
    }
  }

  private static void rejectedSection(StringBuilder sb, ScanSummary s) {
    sb.append("<h2>Rejected lines (").append(s.rejected).append(")</h2>");
    if (s.rejected == 0 && s.sideFileRejections.isEmpty()) {
      sb.append("<p>None.</p>");
      return;
    }
    if (!s.rejectedByReason.isEmpty()) {
      sb.append("<p>By reason: ");
      appendCounts(sb, s.rejectedByReason);
      sb.append("</p>");
    }
    rejectionTable(sb, s.rejectedSample);
    if (!s.sideFileRejections.isEmpty()) {
      sb.append("<p>Rejected lines of side files (accounts, models, allowlist): ")
          .append(s.sideFileRejections.size()).append("</p>");
      rejectionTable(sb, s.sideFileRejections.subList(0, Math.min(50, s.sideFileRejections.size())));
    }
  }

  private static void rejectionTable(StringBuilder sb, List<Rejection> rows) {
    if (rows.isEmpty()) {
      return;
    }
    sb.append("<table><tr><th>file</th><th class=\"num\">line</th><th>reason</th><th>detail</th><th>excerpt</th></tr>");
    for (Rejection r : rows) {
      sb.append("<tr><td class=\"mono\">").append(escape(r.file)).append("</td><td class=\"num\">")
          .append(r.line).append("</td><td class=\"mono\">").append(escape(r.reason)).append("</td><td>")
          .append(escape(r.detail)).append("</td><td class=\"mono\">").append(escape(r.excerpt))
          .append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void configSection(StringBuilder sb, ScanSummary s) {
    sb.append("<h2>Thresholds</h2><table>");
    for (Map.Entry<String, Object> e : s.thresholds.entrySet()) {
      sb.append("<tr><td class=\"mono\">").append(escape(e.getKey())).append("</td><td>")
          .append(escape(e.getValue())).append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void fact(StringBuilder sb, String label, Object value) {
    sb.append("<div class=\"fact\"><b>").append(escape(value)).append("</b>").append(escape(label)).append("</div>");
  }

  private static void verdict(StringBuilder sb, String verdict) {
    String v = verdict == null ? "benign" : verdict;
    String cls = switch (v) {
      case "distillation", "suspicious" -> v;
      default -> "benign";
    };
    sb.append("<span class=\"verdict-").append(cls).append("\">").append(escape(v)).append("</span>");
  }

  private static void appendCounts(StringBuilder sb, Map<String, Long> counts) {
    boolean first = true;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      sb.append(first ? "" : ", ").append("<code>").append(escape(e.getKey())).append("</code> ")
          .append(e.getValue());
      first = false;
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
