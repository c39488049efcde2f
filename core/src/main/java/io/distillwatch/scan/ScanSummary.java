package io.distillwatch.scan;

import io.distillwatch.event.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How a run went ({@code summary.json}, DESIGN §4). accepted + rejected + duplicates = records. */
public final class ScanSummary {
  public long records;
  public long accepted;
  public long rejected;
  public long duplicates;
  public long fieldErrors;
  public Map<String, Long> fieldErrorsByField = new TreeMap<>();
  public Map<String, Long> rejectedByReason = new TreeMap<>();
  public long accounts;
  public long flaggedDistillation;
  public long flaggedSuspicious;
  public long clusters;
  public long clustersFlagged;
  public double elapsedSeconds;
  public List<String> skippedSignals = List.of();
  public Map<String, Object> thresholds = new LinkedHashMap<>();
  public Map<String, Object> config = new LinkedHashMap<>();
  public List<String> inputs = List.of();
  /** Rejected lines of the accounts, models and allowlist files (not counted in {@link #records}). */
  public List<Rejection> sideFileRejections = List.of();
  /** The first rejected event lines, for the report. */
  public List<Rejection> rejectedSample = List.of();

  public double eventsPerSecond() {
    return elapsedSeconds <= 0 ? 0 : records / elapsedSeconds;
  }

  /** The {@code summary.json} object, fields in the documented order. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", 1);
    m.put("records", records);
    m.put("accepted", accepted);
    m.put("rejected", rejected);
    m.put("duplicates", duplicates);
    m.put("field_errors", fieldErrors);
    m.put("field_errors_by_field", fieldErrorsByField);
    m.put("rejected_by_reason", rejectedByReason);
    m.put("accounts", accounts);
    m.put("flagged_distillation", flaggedDistillation);
    m.put("flagged_suspicious", flaggedSuspicious);
    m.put("clusters", clusters);
    m.put("clusters_flagged", clustersFlagged);
    m.put("elapsed_seconds", Math.round(elapsedSeconds * 1000) / 1000.0);
    m.put("events_per_second", Math.round(eventsPerSecond()));
    m.put("skipped_signals", skippedSignals);
    m.put("thresholds", thresholds);
    m.put("config", config);
    m.put("inputs", inputs);
    m.put("side_file_rejected", sideFileRejections.size());
    return m;
  }
}
