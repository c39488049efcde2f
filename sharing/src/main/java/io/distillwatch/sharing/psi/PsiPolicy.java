package io.distillwatch.sharing.psi;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Limits a party applies to sessions. Defaults: sets of 100 to 4,000,000 items, chunks of 16,384
 * elements, both modes, 6 sessions per peer per hour, 10,000,000 queried items per peer per 24 h,
 * a session ends after 15 minutes without a message, at most 2 sessions open at once.
 *
 * <p>The minimum size keeps honest runs from degenerating into single-item lookups; it does not stop
 * a malicious peer padding a probe with dummies — the per-peer item budget is what bounds how many
 * candidate identifiers a peer can test (SECURITY.md).
 */
public record PsiPolicy(int minSetSize, int maxSetSize, int chunkSize, Set<PsiMode> modes,
    int sessionsPerHour, long itemsPerDay, Duration sessionTtl, int maxOpenSessions) {

  /** Upper bound of any configured maximum: 50,000,000 items (1.6 GB per element list). */
  public static final int MAX_SET_SIZE = 50_000_000;

  public static final PsiPolicy DEFAULTS = new PsiPolicy(100, 4_000_000, 16_384, EnumSet.allOf(PsiMode.class),
      6, 10_000_000L, Duration.ofMinutes(15), 2);

  public PsiPolicy {
    modes = Set.copyOf(modes);
    if (minSetSize < 1 || maxSetSize < minSetSize || maxSetSize > MAX_SET_SIZE || chunkSize < 1 || chunkSize > 65_536 || modes.isEmpty()
        || sessionsPerHour < 1 || itemsPerDay < 1 || sessionTtl.isNegative() || sessionTtl.isZero()
        || maxOpenSessions < 1) {
      throw new IllegalArgumentException("PSI policy out of range: " + this);
    }
  }

  public PsiPolicy withMinSetSize(int n) {
    return new PsiPolicy(n, maxSetSize, chunkSize, modes, sessionsPerHour, itemsPerDay, sessionTtl, maxOpenSessions);
  }

  public PsiPolicy withModes(Set<PsiMode> m) {
    return new PsiPolicy(minSetSize, maxSetSize, chunkSize, m, sessionsPerHour, itemsPerDay, sessionTtl, maxOpenSessions);
  }

  public PsiPolicy withBudget(int sessions, long items) {
    return new PsiPolicy(minSetSize, maxSetSize, chunkSize, modes, sessions, items, sessionTtl, maxOpenSessions);
  }

  public PsiPolicy withChunkSize(int n) {
    return new PsiPolicy(minSetSize, maxSetSize, n, modes, sessionsPerHour, itemsPerDay, sessionTtl, maxOpenSessions);
  }

  /** Refuses a set size outside {@code [minSetSize, maxSetSize]}; {@code whose} names it in the message. */
  void requireSize(int size, String whose) {
    if (size < minSetSize) {
      throw new PsiException(PsiException.Reason.SET_TOO_SMALL,
          whose + " set has " + size + " items, the minimum is " + minSetSize);
    }
    if (size > maxSetSize) {
      throw new PsiException(PsiException.Reason.SET_TOO_LARGE,
          whose + " set has " + size + " items, the maximum is " + maxSetSize);
    }
  }

  int chunks(int size) {
    return Math.max(1, (size + chunkSize - 1) / chunkSize);
  }
}
