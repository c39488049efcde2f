package io.distillwatch.hub.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token bucket per member: {@code perMinute} requests per minute sustained, bursts up to {@code
 * burst}. The clock is injectable so tests do not sleep.
 */
public final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  public RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
    this.perNano = perMinute / 60e9;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
  }

  /** Takes one request from the member's bucket; false when it is empty. */
  public boolean tryAcquire(String member) {
    Bucket bucket = buckets.computeIfAbsent(member, m -> new Bucket(burst, nanoClock.getAsLong()));
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) * perNano);
      bucket.last = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
