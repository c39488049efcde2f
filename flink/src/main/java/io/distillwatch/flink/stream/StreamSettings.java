package io.distillwatch.flink.stream;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event-time and state settings of the streaming job. Defaults: out-of-orderness 5 s, source idleness
 * 30 s, allowed lateness 0 s, apply interval 1 s, request-id dedup memory 1 day, idle account state expiry 30 days, linking on.
 */
public final class StreamSettings implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How far behind the newest event an event may arrive and still be in time (watermark lag). */
  public Duration outOfOrderness = Duration.ofSeconds(5);
  /** A source partition silent this long stops holding the watermark back. */
  public Duration idleness = Duration.ofSeconds(30);
  /** Extra wait after the watermark before an event is applied; later events are counted as late. */
  public Duration allowedLateness = Duration.ZERO;
  /**
   * Buffered events are applied in batches when the watermark passes a multiple of this: fewer state
   * reads and writes per event, up to this much more latency. 1 ms applies at every event time.
   */
  public Duration applyInterval = Duration.ofSeconds(1);
  /** How long request ids are remembered to drop repeats. */
  public Duration dedupTtl = Duration.ofDays(1);
  /**
   * An account with no event for this long (event time) loses its detection state, keeping only its
   * verdict and seq; it starts afresh if it returns. {@link Duration#ZERO} keeps state for ever.
   */
  public Duration idleStateExpiry = Duration.ofDays(30);
  /**
   * Link accounts and score clusters (one global linking operator, see docs/streaming.md); off, only
   * accounts are scored.
   */
  public boolean linking = true;

  /**
   * The event time at which the account stage applies an event at {@code ts}: {@code ts} plus the
   * allowed lateness, rounded up to the apply interval. Later stages order their inputs by it.
   */
  public long applyTime(long ts) {
    long interval = Math.max(1, applyInterval.toMillis());
    long applyAt = ts + allowedLateness.toMillis();
    return Math.floorDiv(applyAt + interval - 1, interval) * interval;
  }
}
