package io.distillwatch.sharing.psi;

/** A protocol message or request the PSI session refuses; {@link #reason()} says why. */
public final class PsiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a message was refused; the transport maps each to a 4xx status. */
  public enum Reason {
    /** Bytes that do not parse as the expected message. */
    MALFORMED,
    /** A received element that is not a canonical non-identity ristretto255 encoding. */
    INVALID_ELEMENT,
    /** A set below the minimum size. */
    SET_TOO_SMALL,
    /** A set above the maximum size. */
    SET_TOO_LARGE,
    /** The two parties (or a message and its session) disagree on the mode. */
    MODE_MISMATCH,
    /** The responder does not offer this mode. */
    MODE_NOT_ALLOWED,
    /** No such session (never opened, finished or expired), or a message bound to another session. */
    UNKNOWN_SESSION,
    /** A chunk that was already accepted, or one out of order. */
    REPLAYED,
    /** A message the session does not expect at this step. */
    WRONG_STEP,
    /** Too many sessions from this peer in the window. */
    RATE_LIMITED,
    /** The peer's budget of queried items for the window is used up. */
    BUDGET_EXHAUSTED,
    /** The peer's counts disagree with ours: one side deviated from the protocol. */
    INCONSISTENT
  }

  private final Reason reason;

  public PsiException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
