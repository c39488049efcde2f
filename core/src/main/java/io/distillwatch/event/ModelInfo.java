package io.distillwatch.event;

/** A model's release time and output limit (DESIGN §2, models file). */
public class ModelInfo {
  public String model;
  /** Release time, epoch milliseconds, or null when unknown. */
  public Long releasedAt;
  public Integer maxOutputTokens;

  public ModelInfo() {}

  public ModelInfo(String model, Long releasedAt, Integer maxOutputTokens) {
    this.model = model;
    this.releasedAt = releasedAt;
    this.maxOutputTokens = maxOutputTokens;
  }
}
