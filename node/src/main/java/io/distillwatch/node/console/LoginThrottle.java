package io.distillwatch.node.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: more than {@value #MAX_PER_USER} failed logins for one user name, or more
 * than {@value #MAX_PER_CLIENT} from one client address, within {@link #WINDOW} refuse further attempts
 * (HTTP 429) until the oldest failure leaves the window. A success clears the user's failures. At most
 * {@value #MAX_KEYS} keys are tracked (oldest forgotten first), so a flood of names cannot exhaust memory.
 */
public final class LoginThrottle {
  static final int MAX_PER_USER = 5;
  static final int MAX_PER_CLIENT = 20;
  static final int MAX_KEYS = 10_000;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  public long retryAfterSeconds(String username, String client) {
    return Math.max(wait("u:" + username, MAX_PER_USER), wait("c:" + client, MAX_PER_CLIENT));
  }

  private long wait(String key, int max) {
    Deque<Long> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      prune(d);
      if (d.size() < max) {
        return 0;
      }
      return Math.max(1, (d.peekFirst() + WINDOW.toMillis() - clock.millis() + 999) / 1000);
    }
  }

  public void failed(String username, String client) {
    if (failures.size() > MAX_KEYS) {
      failures.keySet().removeIf(k -> k.startsWith("u:"));
    }
    for (String key : new String[] {"u:" + username, "c:" + client}) {
      Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (d) {
        prune(d);
        d.addLast(clock.millis());
      }
    }
  }

  public void succeeded(String username) {
    failures.remove("u:" + username);
  }

  private void prune(Deque<Long> d) {
    long cutoff = clock.millis() - WINDOW.toMillis();
    while (!d.isEmpty() && d.peekFirst() < cutoff) {
      d.pollFirst();
    }
  }
}
