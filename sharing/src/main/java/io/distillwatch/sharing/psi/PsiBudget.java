package io.distillwatch.sharing.psi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-peer limits over sliding windows: at most {@code sessionsPerHour} sessions in any hour and at
 * most {@code itemsPerDay} items submitted in any 24 hours. A refused session costs nothing. The
 * clock (epoch milliseconds) is injected so tests move time instead of sleeping.
 */
public final class PsiBudget {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private record Charge(long at, long items) {}

  private final PsiPolicy policy;
  private final LongSupplier clock;
  private final Map<String, Deque<Charge>> charges = new HashMap<>();

  public PsiBudget(PsiPolicy policy, LongSupplier clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Charges one session of {@code items} to {@code peer}, or refuses it.
   *
   * @throws PsiException {@link PsiException.Reason#RATE_LIMITED} or {@link PsiException.Reason#BUDGET_EXHAUSTED}
   */
  public synchronized void charge(String peer, int items) {
    long now = clock.getAsLong();
    Deque<Charge> log = charges.computeIfAbsent(peer, p -> new ArrayDeque<>());
    while (!log.isEmpty() && log.peekFirst().at() <= now - DAY) {
      log.pollFirst();
    }
    long sessionsThisHour = log.stream().filter(c -> c.at() > now - HOUR).count();
    if (sessionsThisHour >= policy.sessionsPerHour()) {
      throw new PsiException(PsiException.Reason.RATE_LIMITED,
          "at most " + policy.sessionsPerHour() + " PSI sessions per hour per peer");
    }
    long itemsToday = log.stream().mapToLong(Charge::items).sum();
    if (itemsToday + items > policy.itemsPerDay()) {
      throw new PsiException(PsiException.Reason.BUDGET_EXHAUSTED,
          "this session would exceed the budget of " + policy.itemsPerDay() + " queried items per 24 h");
    }
    log.addLast(new Charge(now, items));
  }
}
