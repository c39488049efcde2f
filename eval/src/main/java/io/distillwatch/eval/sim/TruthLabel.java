package io.distillwatch.eval.sim;

/**
 * The ground truth of one simulated account: {@code label} {@code distillation} or {@code benign}, its
 * population, and its campaign id (null for benign accounts).
 */
public record TruthLabel(String label, String population, String campaign) {
  public static final String DISTILLATION = "distillation";
  public static final String BENIGN = "benign";

  public boolean isDistillation() {
    return DISTILLATION.equals(label);
  }
}
