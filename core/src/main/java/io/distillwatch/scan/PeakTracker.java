package io.distillwatch.scan;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.Activity;
import io.distillwatch.detect.Assessment;
import io.distillwatch.detect.Detector;
import io.distillwatch.detect.Explanation;
import io.distillwatch.event.Verdict;
import java.util.ArrayList;

/**
 * Tracks the highest score an account reached during a run and when it first reached {@code
 * distillation} (DESIGN §4: an account's score and verdict are the highest it reached), keeping the
 * evidence that explains that peak.
 */
public final class PeakTracker {
  /** Re-explain the peak only when the score rose by at least this much (0.02) since the last time. */
  static final double EXPLAIN_STEP = 0.02;

  private final Detector detector;
  private double peakScore = -1;
  private Verdict peakVerdict = Verdict.BENIGN;
  private double explainedScore = -1;
  private Explanation peakExplanation;
  private Long firstFlaggedAt;
  /** Event time at which the score first reached each whole percent, or Long.MIN_VALUE. */
  private final long[] firstAtPercent = new long[101];
  private int highestPercent = -1;

  public PeakTracker(Detector detector) {
    this.detector = detector;
    java.util.Arrays.fill(firstAtPercent, Long.MIN_VALUE);
  }

  /** Assesses the state after an event at {@code ts}. */
  public void observe(AccountState state, long ts) {
    Assessment a = detector.assess(state);
    if (a.verdict() == Verdict.DISTILLATION && firstFlaggedAt == null) {
      firstFlaggedAt = ts;
    }
    int percent = (int) Math.floor(a.score() * 100 + 1e-9);
    while (highestPercent < percent) {
      firstAtPercent[++highestPercent] = ts;
    }
    if (a.score() > peakScore) {
      boolean verdictRose = a.verdict().compareTo(peakVerdict) > 0;
      peakScore = a.score();
      peakVerdict = a.verdict();
      if (verdictRose || peakScore - explainedScore >= EXPLAIN_STEP) {
        peakExplanation = detector.explanation(state);
        explainedScore = peakScore;
      }
    }
  }

  public Long firstFlaggedAt() {
    return firstFlaggedAt;
  }

  /** The account's result: the final evidence, unless the score fell after a higher peak. */
  public AccountResult result(AccountState state) {
    Assessment last = detector.assess(state);
    AccountResult r = new AccountResult();
    r.account = state.account();
    r.events = state.events();
    if (last.score() >= peakScore - 1e-9) {
      r.score = last.score();
      r.verdict = last.verdict().code();
      r.signals = new ArrayList<>(detector.explain(state));
    } else if (last.verdict() == peakVerdict && peakScore - last.score() <= EXPLAIN_STEP) {
      // Barely below the peak: the whole run's evidence explains it better than an early snapshot.
      r.score = peakScore;
      r.verdict = peakVerdict.code();
      r.signals = new ArrayList<>(detector.explain(state));
    } else {
      r.score = peakScore;
      r.verdict = peakVerdict.code();
      r.signals = peakExplanation == null ? new ArrayList<>() : peakExplanation.signals();
    }
    r.firstFlaggedAt = firstFlaggedAt;
    if (state.events() > 0) {
      r.firstSeen = state.firstEventMillis();
      r.lastSeen = state.lastEventMillis();
    }
    r.firstAtPercent = firstAtPercent.clone();
    Activity activity = state.activity();
    r.activityStart = activity.startMillis();
    r.activityBucketMillis = activity.bucketMillis();
    r.activity = activity.counts();
    return r;
  }
}
