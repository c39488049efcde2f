package io.distillwatch.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void burstThenSustainedRatePerMember() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    RateLimiter limiter = new RateLimiter(60, 3, now::get); // one per second, burst 3
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).as("other member has its own bucket").isTrue();
    now.addAndGet(999_000_000L);
    assertThat(limiter.tryAcquire("a")).isFalse();
    now.addAndGet(2_000_000L);
    assertThat(limiter.tryAcquire("a")).isTrue();
    now.addAndGet(3_600_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).as("refill caps at the burst").isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }
}
