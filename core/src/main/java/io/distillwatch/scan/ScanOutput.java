package io.distillwatch.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.distillwatch.event.Signal;
import io.distillwatch.util.Times;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes a scan's output directory exactly as DESIGN §4 fixes it. */
public final class ScanOutput {
  public static final String ACCOUNTS = "accounts.jsonl";
  public static final String CLUSTERS = "clusters.jsonl";
  public static final String REJECTED = "rejected.jsonl";
  public static final String SUMMARY = "summary.json";
  public static final String REPORT = "report.html";

  /** Score descending, then account id. */
  public static final Comparator<AccountResult> RANKING =
      Comparator.comparingDouble((AccountResult r) -> -r.score).thenComparing(r -> r.account);

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private final Path dir;

  public ScanOutput(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /** Sorts and writes {@code accounts.jsonl}; {@code screening} maps an account to its result or null. */
  public void writeAccounts(List<AccountResult> results, Function<String, Object> screening) {
    List<AccountResult> sorted = new ArrayList<>(results);
    sorted.sort(RANKING);
    writeLines(ACCOUNTS, sorted, r -> accountJson(r, screening.apply(r.account)));
  }

  /** Sorts (score descending, then id) and writes {@code clusters.jsonl}. */
  public void writeClusters(List<ClusterResult> clusters) {
    List<ClusterResult> sorted = new ArrayList<>(clusters);
    sorted.sort(Comparator.comparingDouble((ClusterResult c) -> -c.score).thenComparing(c -> c.cluster));
    writeLines(CLUSTERS, sorted, ScanOutput::clusterJson);
  }

  public void writeSummary(ScanSummary summary) {
    try {
      JSON.writerWithDefaultPrettyPrinter()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(SUMMARY).toFile(), summary.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> accountJson(AccountResult r, Object screening) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("account", r.account);
    m.put("score", round(r.score));
    m.put("verdict", r.verdict);
    m.put("cluster", r.cluster);
    m.put("events", r.events);
    m.put("first_flagged_at", Times.formatOrNull(r.firstFlaggedAt));
    // the account's own traffic span (event time), e.g. for the times a published campaign carries
    m.put("first_seen", r.events > 0 ? Times.format(r.firstSeen) : null);
    m.put("last_seen", r.events > 0 ? Times.format(r.lastSeen) : null);
    List<Map<String, Object>> signals = new ArrayList<>();
    for (Signal s : r.signals) {
      signals.add(signalJson(s));
    }
    m.put("signals", signals);
    m.put("screening", screening);
    return m;
  }

  static Map<String, Object> signalJson(Signal s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id);
    m.put("value", round(s.value));
    m.put("contribution", round(s.contribution));
    m.put("evidence", s.evidence);
    return m;
  }

  static Map<String, Object> clusterJson(ClusterResult c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", c.cluster);
    m.put("accounts", c.accounts);
    m.put("score", round(c.score));
    m.put("verdict", c.verdict);
    m.put("first_flagged_at", Times.formatOrNull(c.firstFlaggedAt));
    // the combined traffic's evidence, so that `calibrate` can re-score clusters from the output
    m.put("events", c.events);
    List<Map<String, Object>> signals = new ArrayList<>();
    for (Signal s : c.signals) {
      signals.add(signalJson(s));
    }
    m.put("signals", signals);
    List<Map<String, Object>> links = new ArrayList<>();
    for (ClusterResult.Link l : c.links) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("kind", l.kind);
      lm.put("count", l.count);
      lm.put("weight", round(l.weight));
      lm.put("examples", l.examples);
      links.add(lm);
    }
    m.put("links", links);
    m.put("template_fingerprint", c.templateFingerprint);
    return m;
  }

  static double round(double v) {
    return Math.round(v * 10_000d) / 10_000d;
  }

  private <T> void writeLines(String name, List<T> items, Function<T, Object> toJson) {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
      for (T item : items) {
        w.write(JSON.writeValueAsString(toJson.apply(item)));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
