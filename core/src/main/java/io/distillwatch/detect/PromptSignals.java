package io.distillwatch.detect;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.template.NormalizedPrompt;
import io.distillwatch.template.PromptNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt-level signals one request feeds, by the detector's own per-request tests (the phrase
 * lists of {@link PromptFeatures}, the parameters {@link Detector} counts): what lets a reviewer see
 * example prompts <em>per signal</em>. Whether a signal fires is decided over the whole account; this
 * only says which signals' counts the request raised. Not thread-safe (one normaliser per instance).
 */
public final class PromptSignals {
  private final PromptNormalizer normalizer = new PromptNormalizer();
  private final int[] categories = new int[PromptFeatures.CATEGORY_COUNT + 1];

  /** Signal ids, in a fixed order; empty for a request with no prompt text. */
  public List<String> of(UsageEvent e) {
    List<String> out = new ArrayList<>(4);
    if (e.userText == null || e.userText.isBlank()) {
      return out;
    }
    NormalizedPrompt p = normalizer.normalize(e.userText);
    int flags = p.isEmpty() ? 0 : PromptFeatures.scan(p, categories, null);
    out.add(SignalIds.TEMPLATE_CONCENTRATION);
    if (!e.isMultiTurn()) {
      out.add(SignalIds.SINGLE_TURN);
    }
    if ((flags & PromptFeatures.COT) != 0) {
      out.add(SignalIds.COT);
    }
    if ((flags & PromptFeatures.RUBRIC) != 0) {
      out.add(SignalIds.RUBRIC_GRADING);
    }
    if ((e.reasoningEffort != null && Detector.isMaxEffort(e.reasoningEffort))) {
      out.add(SignalIds.REASONING_MAX);
    }
    if (e.toolUseBlocks > 0 || e.toolResultBlocks > 0) {
      out.add(SignalIds.TOOL_TRACE);
    }
    if (e.n != null && e.n > 1) {
      out.add(SignalIds.REPEATED_SAMPLING);
    }
    if (Boolean.TRUE.equals(e.logprobs) || (e.topLogprobs != null && e.topLogprobs > 0)) {
      out.add(SignalIds.LOGPROBS);
    }
    return out;
  }
}
