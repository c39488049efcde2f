package io.distillwatch.sharing.psi;

import java.util.Arrays;

/**
 * One batch of elements of one step of one session. Every chunk names its session, step, mode,
 * position and the number of chunks of its step, so a chunk replayed into another session, another
 * step, another mode or another position is refused by the receiving party.
 */
public record PsiChunk(byte[] sessionId, Step step, PsiMode mode, int index, int total, Elements elements) {

  /** The four element lists of a session (A = initiator with secret α, B = responder with β). */
  public enum Step {
    /** α·H(a), A to B, in A's shuffled order. */
    CLIENT_BLINDED,
    /** β·α·H(a), B to A: in the order received (intersect) or freshly shuffled (count). */
    CLIENT_DOUBLE_BLINDED,
    /** β·H(b), B to A, in B's shuffled order. */
    SERVER_BLINDED,
    /** α·β·H(b), A to B: in the order received (intersect) or freshly shuffled (count). */
    SERVER_DOUBLE_BLINDED;

    byte code() {
      return (byte) (ordinal() + 1);
    }

    static Step ofCode(byte code) {
      if (code < 1 || code > values().length) {
        throw new PsiException(PsiException.Reason.MALFORMED, "unknown step code " + code);
      }
      return values()[code - 1];
    }
  }

  public PsiChunk {
    sessionId = sessionId.clone();
    if (sessionId.length != PsiSessionId.BYTES || index < 0 || index >= total) {
      throw new PsiException(PsiException.Reason.MALFORMED, "chunk header out of range");
    }
  }

  @Override
  public byte[] sessionId() {
    return sessionId.clone();
  }

  /** Refuses this chunk unless it belongs to {@code session}, {@code step} and {@code mode}. */
  void requireBinding(byte[] session, Step expectedStep, PsiMode expectedMode, int expectedTotal) {
    if (!Arrays.equals(sessionId, session)) {
      throw new PsiException(PsiException.Reason.UNKNOWN_SESSION, "chunk belongs to another session");
    }
    if (mode != expectedMode) {
      throw new PsiException(PsiException.Reason.MODE_MISMATCH, "chunk is for mode " + mode.wireName()
          + ", the session is " + expectedMode.wireName());
    }
    if (step != expectedStep) {
      throw new PsiException(PsiException.Reason.WRONG_STEP, "expected a " + expectedStep + " chunk, got " + step);
    }
    if (total != expectedTotal) {
      throw new PsiException(PsiException.Reason.MALFORMED, "chunk count " + total + ", expected " + expectedTotal);
    }
  }
}
