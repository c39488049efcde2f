package io.distillwatch.sharing.psi;

/** The small control messages of a session (JSON on the wire, see {@link PsiWire}). */
public final class PsiMessages {

  private PsiMessages() {}

  /** A → B: open a session. */
  public record Open(int version, PsiMode mode, int clientSize) {}

  /** B → A: the session B opened, with its fresh id, B's set size and the chunk size both use. */
  public record Accepted(int version, byte[] sessionId, PsiMode mode, int serverSize, int chunkSize) {
    public Accepted {
      sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
      return sessionId.clone();
    }
  }

  /** B → A after the last chunk: how many shared items B found, for A to cross-check. */
  public record Finished(byte[] sessionId, int count) {
    public Finished {
      sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
      return sessionId.clone();
    }
  }
}
