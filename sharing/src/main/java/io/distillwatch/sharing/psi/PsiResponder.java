package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Party B of one ECDH-PSI session (the one that answers), opened by {@link PsiResponderSessions}.
 * Messages in, messages out:
 *
 * <ul>
 *   <li>{@link #onClientBlinded}: A's α·H(a) chunk, validated, blinded with β; in intersect mode
 *       the answer is β·α·H(a) in the same order, in count mode nothing (yet);
 *   <li>{@link #serverBlinded}: chunk j of β·H(b), B's set in a fresh random order;
 *   <li>{@link #clientDoubleBlindedShuffled}: count mode only, after every client chunk: β·α·H(a)
 *       in a fresh random order, so A can count matches but not tell which of its items they are;
 *   <li>{@link #onServerDoubleBlinded}: A's α·β·H(b) chunk; after the last one, B's result and the
 *       {@link PsiMessages.Finished} for A.
 * </ul>
 *
 * Thread-safe: HTTP requests of one session may arrive on different threads.
 */
public final class PsiResponder {

  private final byte[] sessionId;
  private final String peer;
  private final PsiMode mode;
  private final int clientSize;
  private final PsiSet own;
  private final BlindingKey key;
  private final PsiPolicy policy;
  private final PsiWorkers workers;
  private final SecureRandom random = new SecureRandom();
  private final long idleTimeout;
  private volatile long expiresAt;
  private final Consumer<PsiResponder> onFinished;
  private final int[] order;
  private final Elements shuffledOwn;
  private final Elements[] serverBlinded;
  private final Object[] serverBlindedLocks;
  private final ChunkedList clientDoubleBlinded;
  private final ChunkedList serverDoubleBlinded;
  private Elements clientDoubleBlindedShuffled;
  private PsiResult result;
  private boolean closed;

  PsiResponder(byte[] sessionId, String peer, PsiMode mode, int clientSize, PsiSet own, BlindingKey key,
      PsiPolicy policy, PsiWorkers workers, long now, Consumer<PsiResponder> onFinished) {
    this.sessionId = sessionId.clone();
    this.peer = peer;
    this.mode = mode;
    this.clientSize = clientSize;
    this.own = own;
    this.key = key;
    this.policy = policy;
    this.workers = workers;
    this.idleTimeout = policy.sessionTtl().toMillis();
    this.expiresAt = now + idleTimeout;
    this.onFinished = onFinished;
    this.order = Permutations.random(own.size(), random);
    this.shuffledOwn = own.hashed().permuted(order);
    int serverChunks = policy.chunks(own.size());
    this.serverBlinded = new Elements[serverChunks];
    this.serverBlindedLocks = new Object[serverChunks];
    Arrays.setAll(serverBlindedLocks, i -> new Object());
    this.clientDoubleBlinded = new ChunkedList(clientSize, policy.chunkSize());
    this.serverDoubleBlinded = new ChunkedList(own.size(), policy.chunkSize());
  }

  public PsiMessages.Accepted accepted() {
    return new PsiMessages.Accepted(PsiWire.VERSION, sessionId, mode, own.size(), policy.chunkSize());
  }

  public byte[] sessionId() {
    return sessionId.clone();
  }

  public String peer() {
    return peer;
  }

  public PsiMode mode() {
    return mode;
  }

  public int serverChunks() {
    return serverBlinded.length;
  }

  boolean expired(long now) {
    return now > expiresAt;
  }

  /** A message arrived: the session lives another idle timeout from {@code now}. */
  void touch(long now) {
    expiresAt = Math.max(expiresAt, now + idleTimeout);
  }

  /** A's chunk of α·H(a): validated, blinded with β; intersect mode answers with it, count mode with nothing. */
  public synchronized Optional<PsiChunk> onClientBlinded(PsiChunk c) {
    requireOpen();
    c.requireBinding(sessionId, PsiChunk.Step.CLIENT_BLINDED, mode, clientDoubleBlinded.chunks());
    clientDoubleBlinded.requireNext(c.index(), c.elements().size());
    Elements doubled = key.apply(c.elements(), workers);
    clientDoubleBlinded.put(c.index(), doubled);
    if (mode == PsiMode.COUNT) {
      return Optional.empty();
    }
    return Optional.of(new PsiChunk(sessionId, PsiChunk.Step.CLIENT_DOUBLE_BLINDED, mode, c.index(),
        clientDoubleBlinded.chunks(), doubled));
  }

  /** Chunk {@code j} of β·H(b) in this session's random order (computed once, on first request). */
  public PsiChunk serverBlinded(int j) {
    requireOpen();
    if (j < 0 || j >= serverBlinded.length) {
      throw new PsiException(PsiException.Reason.MALFORMED, "no server chunk " + j);
    }
    synchronized (serverBlindedLocks[j]) {
      if (serverBlinded[j] == null) {
        int from = j * policy.chunkSize();
        int to = from + ChunkedList.sizeOf(j, own.size(), policy.chunkSize());
        serverBlinded[j] = key.apply(shuffledOwn.slice(from, to), workers);
      }
      return new PsiChunk(sessionId, PsiChunk.Step.SERVER_BLINDED, mode, j, serverBlinded.length, serverBlinded[j]);
    }
  }

  /** Count mode: chunk {@code i} of β·α·H(a) in a fresh random order, once all of A's chunks are in. */
  public synchronized PsiChunk clientDoubleBlindedShuffled(int i) {
    requireOpen();
    if (mode != PsiMode.COUNT) {
      throw new PsiException(PsiException.Reason.MODE_MISMATCH,
          "shuffled double-blinded values exist only in count mode; this session is " + mode.wireName());
    }
    if (clientDoubleBlindedShuffled == null) {
      clientDoubleBlindedShuffled = clientDoubleBlinded.all().shuffled(random);
    }
    if (i < 0 || i >= clientDoubleBlinded.chunks()) {
      throw new PsiException(PsiException.Reason.MALFORMED, "no client chunk " + i);
    }
    int from = i * policy.chunkSize();
    return new PsiChunk(sessionId, PsiChunk.Step.CLIENT_DOUBLE_BLINDED, mode, i, clientDoubleBlinded.chunks(),
        clientDoubleBlindedShuffled.slice(from, from + ChunkedList.sizeOf(i, clientSize, policy.chunkSize())));
  }

  /** A's chunk of α·β·H(b), validated; after the last one the session ends with B's count. */
  public synchronized Optional<PsiMessages.Finished> onServerDoubleBlinded(PsiChunk c) {
    requireOpen();
    if (!clientDoubleBlinded.complete()) {
      throw new PsiException(PsiException.Reason.WRONG_STEP, "all client-blinded chunks must come first");
    }
    c.requireBinding(sessionId, PsiChunk.Step.SERVER_DOUBLE_BLINDED, mode, serverDoubleBlinded.chunks());
    serverDoubleBlinded.requireNext(c.index(), c.elements().size());
    PsiInitiator.requireValid(c.elements(), workers);
    serverDoubleBlinded.put(c.index(), c.elements());
    if (!serverDoubleBlinded.complete()) {
      return Optional.empty();
    }
    int[] shared = ElementIndex.positionsOfShared(serverDoubleBlinded.all(), clientDoubleBlinded.all());
    List<PsiItem> matched = ElementIndex.items(shared, order, own, mode);
    int count = shared.length;
    result = new PsiResult(peer, PsiSessionId.hex(sessionId), mode, own.size(), clientSize, count, matched);
    close();
    onFinished.accept(this);
    return Optional.of(new PsiMessages.Finished(sessionId, count));
  }

  /** B's result, once the session finished. */
  public synchronized Optional<PsiResult> result() {
    return Optional.ofNullable(result);
  }

  synchronized void close() {
    closed = true;
    key.destroy();
  }

  private void requireOpen() {
    if (closed) {
      throw new PsiException(PsiException.Reason.UNKNOWN_SESSION, "the session has ended");
    }
  }
}
