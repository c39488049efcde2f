package io.distillwatch.eval.calibrate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scored entity (an account's own traffic, or a cluster's combined traffic) reduced to what re-scoring
 * needs: its volume gate and, per signal group, the weighted strengths {@code w·s} of its content, context
 * and damper signals under the scan's configuration (docs/scoring.md). With group multipliers {@code m}, a
 * context cap and the same gate the evidence is
 * {@code E = g·Σ m·content + g·min(1, cap/X)·X − Σ m·damper + fixed}, {@code X = Σ m·context}.
 */
final class Evidence {
  /** Signal groups whose weights calibration scales (the family part of the id; all dampers together). */
  static final List<String> GROUPS =
      List.of("volume", "automation", "structure", "elicitation", "timing", "infra", "account", "damper");

  /** Content signals (docs/scoring.md); every other signal of a scored family is context, dampers aside. */
  static final java.util.Set<String> CONTENT =
      java.util.Set.of("volume.output_input_ratio", "volume.max_tokens_pinned", "structure.template_concentration",
          "structure.topic_sweep", "structure.capability_focus", "elicitation.cot", "elicitation.reasoning_max",
          "elicitation.rubric_grading", "elicitation.tool_trace", "elicitation.repeated_sampling",
          "elicitation.logprobs", "volume.max_tokens_overlimit", "structure.fabricated_history",
          "elicitation.declared_purpose",
          // uncapped context (ADR 0023): re-scored like content, outside the cap
          "account.throwaway_volume");

  final double gate;
  final double[] content = new double[GROUPS.size()];
  final double[] context = new double[GROUPS.size()];
  final double[] damper = new double[GROUPS.size()];
  /** Contributions of signals calibration does not re-weight (e.g. {@code crossref.match}). */
  double fixed;
  /** Allowlisted accounts are capped below the distillation threshold. */
  boolean allowlisted;

  Evidence(double gate) {
    this.gate = gate;
  }

  static int group(String signalId) {
    if (signalId.startsWith("damper.")) {
      return GROUPS.indexOf("damper");
    }
    int dot = signalId.indexOf('.');
    return dot < 0 ? -1 : GROUPS.indexOf(signalId.substring(0, dot));
  }

  /**
   * Adds one listed signal. Content and damper terms come from the contribution (exact); a context term
   * is recomputed from the value and the configuration's ramp, because the context cap hides it.
   */
  void add(String id, double value, double contribution, Map<String, Double> config) {
    int g = group(id);
    if (g < 0 || !config.containsKey(id + ".weight")) {
      fixed += contribution;
      return;
    }
    if (id.startsWith("damper.")) {
      damper[g] += -contribution;
    } else if (CONTENT.contains(id)) {
      content[g] += gate > 0 ? contribution / gate : 0;
    } else {
      context[g] += config.get(id + ".weight") * contextStrength(id, value, config);
    }
  }

  /** A context signal's strength from its value (docs/scoring.md: linear ramp from lo to hi). */
  static double contextStrength(String id, double value, Map<String, Double> config) {
    if (id.equals("account.signup_path")) {
      return value; // the value is the path's risk, used as the strength
    }
    if (id.equals("account.disposable_email")) {
      return 1;
    }
    Double lo = config.get(id + ".lo");
    Double hi = config.get(id + ".hi");
    if (lo == null || hi == null || lo.equals(hi)) {
      return 1;
    }
    double s = (value - lo) / (hi - lo);
    return Math.max(0, Math.min(1, s));
  }

  double evidence(double[] multipliers, double contextCap) {
    double c = 0;
    double x = 0;
    double d = 0;
    for (int i = 0; i < multipliers.length; i++) {
      c += multipliers[i] * content[i];
      x += multipliers[i] * context[i];
      d += multipliers[i] * damper[i];
    }
    double capped = x > contextCap ? contextCap : x;
    return gate * (c + capped) - d + fixed;
  }

  static double score(double evidence) {
    return 1 - Math.exp(-Math.max(0, evidence));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Evidence[g=%.2f, fixed=%.3f]", gate, fixed);
  }
}
