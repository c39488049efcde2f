package io.distillwatch.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** Thresholds and tunables. PLACEHOLDER: the full configuration is loaded from a properties file. */
public final class DetectionConfig {
  private final double distillationThreshold;
  private final double suspiciousThreshold;

  private DetectionConfig(double distillationThreshold, double suspiciousThreshold) {
    this.distillationThreshold = distillationThreshold;
    this.suspiciousThreshold = suspiciousThreshold;
  }

  public static DetectionConfig defaults() {
    return new DetectionConfig(0.8, 0.5);
  }

  public double distillationThreshold() {
    return distillationThreshold;
  }

  public double suspiciousThreshold() {
    return suspiciousThreshold;
  }

  /** The verdict thresholds, for {@code summary.json} {@code thresholds}. */
  public Map<String, Object> thresholds() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("distillation", distillationThreshold);
    m.put("suspicious", suspiciousThreshold);
    return m;
  }

  /** Every tunable, for {@code summary.json} {@code config}. */
  public Map<String, Object> asMap() {
    return thresholds();
  }
}
