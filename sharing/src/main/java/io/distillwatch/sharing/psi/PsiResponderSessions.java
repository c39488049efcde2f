package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * B's open sessions over one set: admits a new session only for an allowed mode, set sizes within
 * the policy, a free session slot and the peer's rate limit and item budget (charged on admission);
 * hands out a session only to the peer that opened it, until it finishes or stays idle longer than
 * the policy's session timeout.
 */
public final class PsiResponderSessions {

  private final PsiSet own;
  private final PsiPolicy policy;
  private final PsiWorkers workers;
  private final LongSupplier clock;
  private final PsiBudget budget;
  private final Consumer<PsiResult> onResult;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, PsiResponder> sessions = new ConcurrentHashMap<>();

  /**
   * @param clock epoch milliseconds
   * @param onResult receives B's result of every finished session
   */
  public PsiResponderSessions(PsiSet own, PsiPolicy policy, PsiWorkers workers, LongSupplier clock,
      Consumer<PsiResult> onResult) {
    this.own = own;
    this.policy = policy;
    this.workers = workers;
    this.clock = clock;
    this.budget = new PsiBudget(policy, clock);
    this.onResult = onResult;
  }

  /** Opens a session for {@code peer} (an authenticated member), or refuses with the reason. */
  public synchronized PsiResponder open(String peer, PsiMessages.Open open) {
    if (open.version() != PsiWire.VERSION) {
      throw new PsiException(PsiException.Reason.MALFORMED, "unsupported PSI version " + open.version());
    }
    if (!policy.modes().contains(open.mode())) {
      throw new PsiException(PsiException.Reason.MODE_NOT_ALLOWED, "this node does not offer mode " + open.mode().wireName());
    }
    policy.requireSize(open.clientSize(), "your");
    policy.requireSize(own.size(), "this node's");
    expire();
    if (sessions.size() >= policy.maxOpenSessions()) {
      throw new PsiException(PsiException.Reason.RATE_LIMITED, "too many PSI sessions open; try later");
    }
    budget.charge(peer, open.clientSize());
    byte[] id = PsiSessionId.random(random);
    PsiResponder r = new PsiResponder(id, peer, open.mode(), open.clientSize(), own, BlindingKey.fresh(), policy,
        workers, clock.getAsLong(), this::finished);
    sessions.put(PsiSessionId.hex(id), r);
    return r;
  }

  /** The open session {@code id} of {@code peer}; another peer's session is as unknown as a missing one. */
  public PsiResponder session(String peer, byte[] id) {
    PsiResponder r = sessions.get(PsiSessionId.hex(id));
    if (r != null && r.expired(clock.getAsLong())) {
      sessions.remove(PsiSessionId.hex(id));
      r.close();
      r = null;
    }
    if (r == null || !r.peer().equals(peer)) {
      throw new PsiException(PsiException.Reason.UNKNOWN_SESSION, "no open PSI session with this id");
    }
    r.touch(clock.getAsLong());
    return r;
  }

  public int openSessions() {
    return sessions.size();
  }

  private void finished(PsiResponder r) {
    sessions.remove(PsiSessionId.hex(r.sessionId()));
    r.result().ifPresent(onResult);
  }

  private void expire() {
    long now = clock.getAsLong();
    sessions.values().removeIf(r -> {
      if (r.expired(now)) {
        r.close();
        return true;
      }
      return false;
    });
  }
}
