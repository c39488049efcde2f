package io.distillwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Thresholds and tunables of the detector: numeric settings keyed by name. Defaults ship in {@code
 * io/distillwatch/detect/detection.properties} (documented in docs/scoring.md); {@link #load(Path)}
 * overrides any of them from a {@code .properties} file or a flat JSON object. Unknown keys and
 * non-numeric values are rejected with the key named. Immutable.
 */
public final class DetectionConfig {
  static final String DEFAULTS = "detection.properties";

  /** Settings whose value is a file replacing a shipped table (relative paths: from the config file's folder). */
  public static final java.util.Set<String> FILE_SETTINGS = java.util.Set.of("elicitation.declared_purpose.phrases");

  private final Map<String, Double> values;
  private final java.util.Set<String> disabled;
  private final Map<String, String> files;

  private DetectionConfig(Map<String, Double> values) {
    this(values, java.util.Set.of(), Map.of());
  }

  private DetectionConfig(Map<String, Double> values, java.util.Set<String> disabled, Map<String, String> files) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.disabled = java.util.Set.copyOf(disabled);
    this.files = Map.copyOf(files);
    double d = get("verdict.distillation");
    double s = get("verdict.suspicious");
    if (!(0 < s && s <= d && d <= 1)) {
      throw new IllegalArgumentException(
          "verdict thresholds must satisfy 0 < suspicious <= distillation <= 1, got suspicious="
              + s + " distillation=" + d);
    }
  }

  /** The shipped defaults. */
  public static DetectionConfig defaults() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final DetectionConfig DEFAULT = new DetectionConfig(readDefaults());
  }

  private static Map<String, Double> readDefaults() {
    try (InputStream in = DetectionConfig.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS);
      }
      Properties p = new Properties();
      try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, Double> m = new TreeMap<>();
      for (String k : p.stringPropertyNames()) {
        m.put(k, parse(k, p.getProperty(k), DEFAULTS));
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Defaults overridden by a file: {@code *.json} (a flat object of numbers) or else Java properties.
   *
   * @throws IllegalArgumentException on an unknown key, a non-numeric value or bad thresholds
   * @throws IOException when the file cannot be read
   */
  public static DetectionConfig load(Path overrides) throws IOException {
    Map<String, String> raw = new TreeMap<>();
    String name = overrides.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".json")) {
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(overrides.toFile());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(overrides + ": not valid JSON: " + e.getOriginalMessage());
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(overrides + ": expected a JSON object of settings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (FILE_SETTINGS.contains(e.getKey()) && e.getValue().isTextual()) {
          raw.put(e.getKey(), e.getValue().textValue());
          continue;
        }
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException(
              overrides + ": setting '" + e.getKey() + "' must be a number, got " + e.getValue());
        }
        raw.put(e.getKey(), e.getValue().asText());
      }
    } else {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String k : p.stringPropertyNames()) {
        raw.put(k, p.getProperty(k));
      }
    }
    Path base = overrides.toAbsolutePath().getParent();
    for (String k : FILE_SETTINGS) {
      if (raw.containsKey(k) && base != null) {
        raw.put(k, base.resolve(raw.get(k).strip()).toString());
      }
    }
    return defaults().with(raw, overrides.toString());
  }

  /** A file setting ({@link #FILE_SETTINGS}) or null when the shipped table is in force. */
  public String file(String key) {
    return files.get(key);
  }

  /** These settings with some overridden (keys must exist). */
  public DetectionConfig with(Map<String, String> overrides, String source) {
    Map<String, Double> m = new TreeMap<>(values);
    Map<String, String> f = new TreeMap<>(files);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String k = e.getKey().trim();
      if (FILE_SETTINGS.contains(k)) {
        f.put(k, e.getValue().strip());
        continue;
      }
      if (!values.containsKey(k)) {
        throw new IllegalArgumentException(source + ": unknown detection setting '" + k + "'");
      }
      m.put(k, parse(k, e.getValue(), source));
    }
    return new DetectionConfig(m, disabled, f);
  }

  /**
   * These settings with whole signal families or single signals switched off (e.g. {@code infra} or
   * {@code elicitation.cot}), for ablation: a disabled signal never fires.
   */
  public DetectionConfig withDisabled(java.util.Collection<String> familiesOrIds) {
    java.util.Set<String> d = new java.util.TreeSet<>(disabled);
    for (String f : familiesOrIds) {
      if (!f.isBlank()) {
        d.add(f.trim());
      }
    }
    return new DetectionConfig(values, d, files);
  }

  /** True when the signal (by id, or its family before the dot) is switched off. */
  public boolean isDisabled(String signalId) {
    if (disabled.isEmpty()) {
      return false;
    }
    int dot = signalId.indexOf('.');
    return disabled.contains(signalId) || (dot > 0 && disabled.contains(signalId.substring(0, dot)));
  }

  /** The switched-off families and signals. */
  public java.util.Set<String> disabled() {
    return disabled;
  }

  private static double parse(String key, String value, String source) {
    try {
      double d = Double.parseDouble(value.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source + ": setting '" + key + "' must be a finite number, got '" + value + "'");
    }
  }

  /** A setting by key. @throws IllegalArgumentException when there is no such setting */
  public double get(String key) {
    Double v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown detection setting '" + key + "'");
    }
    return v;
  }

  /** A setting or {@code fallback} when absent (e.g. a sign-up path without a risk entry). */
  public double get(String key, double fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** Score at or above which the verdict is {@code distillation} (default 0.80). */
  public double distillationThreshold() {
    return get("verdict.distillation");
  }

  /** Score at or above which the verdict is {@code suspicious} (default 0.50). */
  public double suspiciousThreshold() {
    return get("verdict.suspicious");
  }

  /** The verdict a score maps to under these thresholds. */
  public io.distillwatch.event.Verdict verdict(double score) {
    if (score >= distillationThreshold()) {
      return io.distillwatch.event.Verdict.DISTILLATION;
    }
    return score >= suspiciousThreshold()
        ? io.distillwatch.event.Verdict.SUSPICIOUS
        : io.distillwatch.event.Verdict.BENIGN;
  }

  /** The verdict thresholds, for {@code summary.json} {@code thresholds}. */
  public Map<String, Object> thresholds() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("distillation", distillationThreshold());
    m.put("suspicious", suspiciousThreshold());
    return m;
  }

  /** Every tunable, sorted by key, for {@code summary.json} {@code config}. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new TreeMap<>(values);
    m.putAll(files);
    if (!disabled.isEmpty()) {
      m.put("signals.disabled", String.join(",", disabled));
    }
    return Collections.unmodifiableMap(m);
  }
}
