package io.distillwatch.eval.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.detect.DetectionConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evidence of a scan output directory (DESIGN §4): each account's own signals ({@code accounts.jsonl},
 * without {@code cluster.member}), each cluster's combined signals ({@code clusters.jsonl}), the scan's
 * verdicts, and the configuration in force ({@code summary.json} {@code config}; the shipped defaults when
 * absent). Only non-zero signals are listed, which bounds what can be re-scored (docs/evaluation.md).
 */
final class ScanEvidence {
  final Map<String, Double> config;
  final boolean inheritanceDisabled;
  final Map<String, Evidence> accounts = new LinkedHashMap<>();
  final Map<String, String> clusterOf = new HashMap<>();
  final Map<String, Evidence> clusters = new LinkedHashMap<>();
  /** The scan's own verdicts (for the re-scoring check). */
  final Map<String, String> verdicts = new HashMap<>();

  private ScanEvidence(Map<String, Double> config, boolean inheritanceDisabled) {
    this.config = config;
    this.inheritanceDisabled = inheritanceDisabled;
  }

  static ScanEvidence read(Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path accounts = dir.resolve("accounts.jsonl");
    if (!Files.isRegularFile(accounts)) {
      throw new IOException("no accounts.jsonl in scan output " + dir);
    }
    Map<String, Double> config = new TreeMap<>();
    DetectionConfig.defaults().asMap().forEach((k, v) -> {
      if (v instanceof Number n) {
        config.put(k, n.doubleValue());
      }
    });
    boolean disabled = false;
    Path summary = dir.resolve("summary.json");
    if (Files.isRegularFile(summary)) {
      JsonNode c = mapper.readTree(summary.toFile()).path("config");
      for (var it = c.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().isNumber()) {
          config.put(e.getKey(), e.getValue().asDouble());
        } else if (e.getKey().equals("signals.disabled")) {
          disabled = (e.getValue().asText() + ",").contains("cluster,") || e.getValue().asText().contains("cluster.member");
        }
      }
    }
    ScanEvidence out = new ScanEvidence(config, disabled);
    double full = Math.max(1, config.getOrDefault("score.full_evidence_events", 50.0));
    lines(mapper, accounts, a -> {
      String id = a.path("account").asText(null);
      if (id == null) {
        return;
      }
      Evidence ev = out.evidence(a, full);
      for (JsonNode s : a.path("signals")) {
        if (s.path("id").asText().equals("allowlist.exempt")) {
          ev.allowlisted = true;
        }
      }
      out.accounts.put(id, ev);
      out.verdicts.put(id, a.path("verdict").asText("benign"));
      if (a.hasNonNull("cluster")) {
        out.clusterOf.put(id, a.get("cluster").asText());
      }
    });
    Path clusters = dir.resolve("clusters.jsonl");
    if (Files.isRegularFile(clusters)) {
      lines(mapper, clusters, c -> {
        if (!c.has("signals")) {
          throw new IOException(clusters + ": clusters carry no signals (a scan older than calibrate): clusters"
              + " cannot be re-scored; rerun scan");
        }
        out.clusters.put(c.path("cluster").asText(), out.evidence(c, full));
      });
    }
    return out;
  }

  private Evidence evidence(JsonNode entity, double full) {
    Evidence ev = new Evidence(Math.min(1, entity.path("events").asDouble(0) / full));
    for (JsonNode s : entity.path("signals")) {
      String sid = s.path("id").asText();
      if (sid.equals("cluster.member") || sid.equals("allowlist.exempt")) {
        continue;
      }
      ev.add(sid, s.path("value").asDouble(), s.path("contribution").asDouble(), config);
    }
    return ev;
  }

  private interface LineHandler {
    void accept(JsonNode node) throws IOException;
  }

  private static void lines(ObjectMapper mapper, Path file, LineHandler h) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          try {
            h.accept(mapper.readTree(line));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + n + ": invalid JSON: " + e.getOriginalMessage(), e);
          }
        }
      }
    }
  }
}
