package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.SourceSplit;
import java.time.Instant;

/**
 * What varies between simulation runs. Everything else (population sizes, rates, envelopes) is frozen in
 * {@link Parameters}.
 *
 * @param seed the run's seed; same seed and inputs give the same bytes
 * @param scale multiplies every population's account count (default 1.0 ≈ 0.4 M events over 14 days)
 * @param days simulated days (default 14, at least 3)
 * @param split which prompt sources to draw from
 * @param variant randomised envelope ({@link Variant#DEFAULT}: the frozen one)
 */
public record SimConfig(long seed, double scale, int days, SourceSplit split, Variant variant) {
  /** Start of the simulated period: a Monday, 00:00 UTC. */
  public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  public static final long DEFAULT_SEED = 7;
  public static final double DEFAULT_SCALE = 1.0;
  public static final int DEFAULT_DAYS = 14;

  public SimConfig(long seed, double scale, int days, SourceSplit split) {
    this(seed, scale, days, split, Variant.DEFAULT);
  }

  public SimConfig {
    if (variant == null) {
      throw new IllegalArgumentException("variant must not be null");
    }
    if (!(scale > 0) || scale > 100) {
      throw new IllegalArgumentException("scale must be in (0, 100]: " + scale);
    }
    if (days < 3 || days > 365) {
      throw new IllegalArgumentException("days must be in [3, 365]: " + days);
    }
  }

  public long startMs() {
    return START.toEpochMilli();
  }

  public long endMs() {
    return startMs() + days * Parameters.DAY_MS;
  }

  /** When the new model ships: {@link Parameters#RELEASE_FRACTION} of the way through, at 17:00 UTC. */
  public long releaseMs() {
    int day = (int) Math.floor(days * Parameters.RELEASE_FRACTION);
    return startMs() + day * Parameters.DAY_MS + 17 * Parameters.HOUR_MS;
  }

  /** An account count scaled, at least {@code min}. */
  public int count(int base, int min) {
    return Math.max(min, (int) Math.round(base * scale));
  }
}
