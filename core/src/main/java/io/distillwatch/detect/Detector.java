package io.distillwatch.detect;

import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import java.util.List;
import java.util.Set;

/**
 * The per-account rules: folds events into {@link AccountState} and scores it. Pure; the Flink job
 * calls it. PLACEHOLDER implementation, replaced by the signals work.
 */
public final class Detector {
  private final DetectionContext context;

  public Detector(DetectionContext context) {
    this.context = context;
  }

  public DetectionContext context() {
    return context;
  }

  public AccountState newState(String account) {
    return new AccountState(account);
  }

  public void update(AccountState state, UsageEvent event) {
    state.events++;
    state.firstTs = Math.min(state.firstTs, event.ts);
    state.lastTs = Math.max(state.lastTs, event.ts);
  }

  /** Cheap: score and verdict, no evidence text. Called after every event. */
  public Assessment assess(AccountState state) {
    return new Assessment(0.0, Verdict.BENIGN);
  }

  /** The non-zero signals with evidence sentences, consistent with {@link #assess}. */
  public List<Signal> explain(AccountState state) {
    return List.of();
  }

  /** Signal ids skipped for the whole run because their input (e.g. IP intelligence) is absent. */
  public Set<String> skippedSignals() {
    return Set.of();
  }
}
