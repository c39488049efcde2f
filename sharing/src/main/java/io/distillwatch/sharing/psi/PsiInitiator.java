package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Party A of an ECDH-PSI session (the one that opens it), as messages in and messages out; the
 * caller moves the messages (HTTP in the node, direct calls in tests). Order of use:
 *
 * <ol>
 *   <li>{@link #open()} → B; B's answer → {@link #onAccepted};
 *   <li>for each i: {@link #clientBlinded(int)} → B; in intersect mode B's answer →
 *       {@link #onClientDoubleBlinded};
 *   <li>for each j: B's server-blinded chunk j → {@link #onServerBlinded}; in count mode B's
 *       shuffled client-double-blinded chunks → {@link #onClientDoubleBlinded};
 *   <li>{@link #result()}; for each j: {@link #serverDoubleBlinded(int)} → B; B's finished →
 *       {@link #onFinished}.
 * </ol>
 *
 * <p>A sends α·H(a) in a fresh random order, so positions say nothing about its items; in count
 * mode it shuffles α·β·H(b) again before returning it, so B cannot tell which of its items matched.
 * Not thread-safe: one session, one caller.
 */
public final class PsiInitiator {

  private final PsiMode mode;
  private final PsiSet own;
  private final BlindingKey key;
  private final PsiPolicy policy;
  private final PsiWorkers workers;
  private final SecureRandom random;
  private final int[] order;

  private PsiMessages.Accepted accepted;
  private ChunkedList clientDoubleBlinded;
  private ChunkedList serverDoubleBlinded;
  private Elements serverDoubleBlindedToSend;
  private PsiResult result;

  public PsiInitiator(PsiMode mode, PsiSet own, BlindingKey key, PsiPolicy policy, PsiWorkers workers) {
    this.mode = mode;
    this.own = own;
    this.key = key;
    this.policy = policy;
    this.workers = workers;
    this.random = new SecureRandom();
    this.order = Permutations.random(own.size(), random);
    policy.requireSize(own.size(), "our");
  }

  public PsiMessages.Open open() {
    return new PsiMessages.Open(PsiWire.VERSION, mode, own.size());
  }

  /** Checks B's answer: same version and mode, B's set within our limits, a sane chunk size. */
  public void onAccepted(PsiMessages.Accepted a) {
    if (accepted != null) {
      throw new PsiException(PsiException.Reason.WRONG_STEP, "session already accepted");
    }
    if (a.version() != PsiWire.VERSION) {
      throw new PsiException(PsiException.Reason.MALFORMED, "peer speaks PSI version " + a.version());
    }
    if (a.mode() != mode) {
      throw new PsiException(PsiException.Reason.MODE_MISMATCH,
          "asked for " + mode.wireName() + ", the peer answered " + a.mode().wireName());
    }
    policy.requireSize(a.serverSize(), "the peer's");
    if (a.chunkSize() < 1 || a.chunkSize() > 65_536) {
      throw new PsiException(PsiException.Reason.MALFORMED, "chunk size out of range");
    }
    accepted = a;
    clientDoubleBlinded = new ChunkedList(own.size(), a.chunkSize());
    serverDoubleBlinded = new ChunkedList(a.serverSize(), a.chunkSize());
  }

  public int clientChunks() {
    return requireAccepted().clientDoubleBlinded.chunks();
  }

  public int serverChunks() {
    return requireAccepted().serverDoubleBlinded.chunks();
  }

  public byte[] sessionId() {
    return requireAccepted().accepted.sessionId();
  }

  /** Chunk {@code i} of α·H(a), in this session's random order. */
  public PsiChunk clientBlinded(int i) {
    requireAccepted();
    int cs = accepted.chunkSize();
    if (i < 0 || i >= clientChunks()) {
      throw new IllegalArgumentException("no client chunk " + i);
    }
    int from = i * cs;
    int to = from + ChunkedList.sizeOf(i, own.size(), cs);
    Elements blinded = key.apply(own.hashed().permuted(Arrays.copyOfRange(order, from, to)), workers);
    return new PsiChunk(accepted.sessionId(), PsiChunk.Step.CLIENT_BLINDED, mode, i, clientChunks(), blinded);
  }

  /** β·α·H(a) from B: in our order (intersect) or shuffled by B (count). Elements are validated. */
  public void onClientDoubleBlinded(PsiChunk c) {
    requireAccepted();
    c.requireBinding(accepted.sessionId(), PsiChunk.Step.CLIENT_DOUBLE_BLINDED, mode, clientChunks());
    clientDoubleBlinded.requireNext(c.index(), c.elements().size());
    requireValid(c.elements(), workers);
    clientDoubleBlinded.put(c.index(), c.elements());
  }

  /** β·H(b) from B, in B's order: validated and blinded again with α. */
  public void onServerBlinded(PsiChunk c) {
    requireAccepted();
    c.requireBinding(accepted.sessionId(), PsiChunk.Step.SERVER_BLINDED, mode, serverChunks());
    serverDoubleBlinded.requireNext(c.index(), c.elements().size());
    serverDoubleBlinded.put(c.index(), key.apply(c.elements(), workers));
    if (serverDoubleBlinded.complete()) {
      key.destroy();
    }
  }

  /** What we learned; needs every chunk of both double-blinded lists. */
  public PsiResult result() {
    requireAccepted();
    if (result == null) {
      int[] shared = ElementIndex.positionsOfShared(clientDoubleBlinded.all(), serverDoubleBlinded.all());
      List<PsiItem> matched = ElementIndex.items(shared, order, own, mode);
      int count = shared.length;
      result = new PsiResult(null, PsiSessionId.hex(accepted.sessionId()), mode, own.size(),
          accepted.serverSize(), count, matched);
    }
    return result;
  }

  /** Chunk {@code j} of α·β·H(b) for B: in B's order (intersect) or freshly shuffled (count). */
  public PsiChunk serverDoubleBlinded(int j) {
    requireAccepted();
    if (serverDoubleBlindedToSend == null) {
      Elements all = serverDoubleBlinded.all();
      serverDoubleBlindedToSend = mode == PsiMode.COUNT ? all.shuffled(random) : all;
    }
    int cs = accepted.chunkSize();
    if (j < 0 || j >= serverChunks()) {
      throw new IllegalArgumentException("no server chunk " + j);
    }
    int from = j * cs;
    return new PsiChunk(accepted.sessionId(), PsiChunk.Step.SERVER_DOUBLE_BLINDED, mode, j, serverChunks(),
        serverDoubleBlindedToSend.slice(from, from + ChunkedList.sizeOf(j, accepted.serverSize(), cs)));
  }

  /**
   * B's count must equal ours: both count the same pairs when both follow the protocol.
   *
   * @throws PsiException {@link PsiException.Reason#INCONSISTENT} when they differ
   */
  public void onFinished(PsiMessages.Finished f) {
    if (!Arrays.equals(f.sessionId(), sessionId())) {
      throw new PsiException(PsiException.Reason.UNKNOWN_SESSION, "finished message of another session");
    }
    if (f.count() != result().count()) {
      throw new PsiException(PsiException.Reason.INCONSISTENT,
          "the peer counted " + f.count() + " shared items, we counted " + result().count());
    }
  }

  private PsiInitiator requireAccepted() {
    if (accepted == null) {
      throw new PsiException(PsiException.Reason.WRONG_STEP, "the session is not open yet");
    }
    return this;
  }

  static void requireValid(Elements e, PsiWorkers workers) {
    int bad = e.firstInvalid(workers);
    if (bad >= 0) {
      throw new PsiException(PsiException.Reason.INVALID_ELEMENT,
          "element " + bad + " is not a valid ristretto255 element (or is the identity)");
    }
  }
}
