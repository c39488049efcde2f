package io.distillwatch.node.psi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.psi.PsiAuth;
import io.distillwatch.sharing.psi.PsiChunk;
import io.distillwatch.sharing.psi.PsiEvidence;
import io.distillwatch.sharing.psi.PsiException;
import io.distillwatch.sharing.psi.PsiPeers;
import io.distillwatch.sharing.psi.PsiResponder;
import io.distillwatch.sharing.psi.PsiResponderSessions;
import io.distillwatch.sharing.psi.PsiResult;
import io.distillwatch.sharing.psi.PsiSessionId;
import io.distillwatch.sharing.psi.PsiSet;
import io.distillwatch.sharing.psi.PsiWire;
import io.distillwatch.sharing.psi.PsiWorkers;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.NodeKey;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's PSI responder over HTTP: every request signed by a member key (ADR 0045), every
 * response signed by this node; handlers only move bytes between HTTP and {@link PsiResponder}.
 *
 * <pre>
 * POST /api/psi/v1/sessions                               open (JSON) → accepted (JSON), 201
 * POST /api/psi/v1/sessions/{id}/client-blinded           chunk → chunk (intersect) | 204 (count)
 * POST /api/psi/v1/sessions/{id}/server-blinded/{j}       → chunk j of β·H(b)
 * POST /api/psi/v1/sessions/{id}/client-double-blinded/{i} → count mode: shuffled chunk i
 * POST /api/psi/v1/sessions/{id}/server-double-blinded    chunk → 204 | finished (JSON) after the last
 * </pre>
 *
 * Refusals are 4xx with {@code {"error":…,"reason":…}}: 401 authentication, 400 malformed or invalid
 * element, 403 mode not offered, 404 unknown session, 409 replayed/out of order/wrong step/mode
 * mismatch, 422 set size, 429 rate limit or budget. Logs carry reasons and counts, never elements or items.
 */
public final class PsiEndpoint implements AutoCloseable {

  static final String BASE = "/api/psi/v1/sessions";
  private static final Logger LOG = LoggerFactory.getLogger(PsiEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PsiAuth auth;
  private final Ed25519KeyPair key;
  private final PsiResponderSessions sessions;
  private final PsiWorkers workers;
  private final int chunkSize;
  private final ExecutorService precompute;

  /** An endpoint over an already-hashed set; {@code clock} is epoch milliseconds. */
  public PsiEndpoint(PsiSet set, NodeKey nodeKey, PsiPeers peers, PsiNodeSettings settings, PsiWorkers workers,
      LongSupplier clock) {
    this.auth = new PsiAuth(peers, clock);
    this.key = nodeKey.signingKey();
    this.workers = workers;
    this.chunkSize = settings.policy().chunkSize();
    this.precompute = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "psi-precompute");
      t.setDaemon(true);
      return t;
    });
    this.sessions = new PsiResponderSessions(set, settings.policy(), workers, clock, result -> {
      try {
        PsiEvidence.append(settings.results(), result, peers.byKeyId(result.peer()).orElseThrow(), clock.getAsLong());
        LOG.info("PSI session {} with {} finished: mode {}, {} shared", result.session(), result.peer(),
            result.mode().wireName(), result.count());
      } catch (IOException e) {
        LOG.error("PSI evidence not written: {}", e.getClass().getSimpleName());
      }
    });
  }

  /** Loads the set, keys and members named by the settings (the set is hashed once, here). */
  public static PsiEndpoint load(PsiNodeSettings s) throws IOException {
    PsiWorkers workers = new PsiWorkers("psi-responder", s.threads());
    PsiSet set = PsiSet.of(PsiSet.read(s.set(), s.defaultKind()), workers);
    return new PsiEndpoint(set, NodeKey.load(s.key()), PsiPeers.read(s.members()), s, workers,
        System::currentTimeMillis);
  }

  /** Adds the PSI routes to {@code app} (before it starts). */
  public void register(Javalin app) {
    app.post(BASE, ctx -> handle(ctx, peer -> open(ctx, peer)));
    app.post(BASE + "/{id}/client-blinded", ctx -> handle(ctx, peer -> {
      Optional<PsiChunk> answer = session(ctx, peer).onClientBlinded(chunk(ctx));
      return answer.map(c -> Reply.chunk(PsiWire.encode(c))).orElse(Reply.NO_CONTENT);
    }));
    app.post(BASE + "/{id}/server-blinded/{j}", ctx -> handle(ctx, peer ->
        Reply.chunk(PsiWire.encode(session(ctx, peer).serverBlinded(index(ctx, "j"))))));
    app.post(BASE + "/{id}/client-double-blinded/{i}", ctx -> handle(ctx, peer ->
        Reply.chunk(PsiWire.encode(session(ctx, peer).clientDoubleBlindedShuffled(index(ctx, "i"))))));
    app.post(BASE + "/{id}/server-double-blinded", ctx -> handle(ctx, peer ->
        session(ctx, peer).onServerDoubleBlinded(chunk(ctx))
            .map(f -> Reply.json(200, PsiWire.encode(f))).orElse(Reply.NO_CONTENT)));
  }

  private Reply open(Context ctx, PsiPeers.Peer peer) {
    PsiResponder r = sessions.open(peer.keyId(), PsiWire.decodeOpen(ctx.bodyAsBytes()));
    LOG.info("PSI session {} opened by {} ({})", PsiSessionId.hex(r.sessionId()), peer.name(), r.mode().wireName());
    precompute.execute(() -> {
      try {
        for (int j = 0; j < r.serverChunks(); j++) {
          r.serverBlinded(j);
        }
      } catch (PsiException ended) {
        // the session ended or expired before its set was blinded: nothing to keep
      }
    });
    return Reply.json(201, PsiWire.encode(r.accepted()));
  }

  private PsiResponder session(Context ctx, PsiPeers.Peer peer) {
    return sessions.session(peer.keyId(), PsiSessionId.parse(ctx.pathParam("id")));
  }

  private PsiChunk chunk(Context ctx) {
    return PsiWire.decodeChunk(ctx.bodyAsBytes(), chunkSize);
  }

  private static int index(Context ctx, String name) {
    try {
      return Integer.parseInt(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw new PsiException(PsiException.Reason.MALFORMED, name + " must be a chunk number");
    }
  }

  private record Reply(int status, String contentType, byte[] body) {
    static final Reply NO_CONTENT = new Reply(204, null, new byte[0]);

    static Reply chunk(byte[] body) {
      return new Reply(200, "application/octet-stream", body);
    }

    static Reply json(int status, byte[] body) {
      return new Reply(status, "application/json", body);
    }
  }

  @FunctionalInterface
  private interface Handler {
    Reply handle(PsiPeers.Peer peer) throws PsiException;
  }

  private void handle(Context ctx, Handler handler) {
    Reply reply;
    byte[] body = ctx.bodyAsBytes();
    try {
      PsiPeers.Peer peer = auth.verifyRequest("POST", ctx.path(), ctx::header, body);
      reply = handler.handle(peer);
    } catch (PsiAuth.Refused e) {
      reply = error(401, "AUTHENTICATION", e.getMessage());
    } catch (PsiException e) {
      LOG.info("PSI request refused: {}", e.reason());
      reply = error(status(e.reason()), e.reason().name(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("PSI request failed: {}", e.getClass().getSimpleName());
      reply = error(500, "INTERNAL", "internal error");
    }
    String nonce = Optional.ofNullable(ctx.header(PsiAuth.NONCE)).orElse("");
    ctx.status(reply.status());
    ctx.header(PsiAuth.KEY_ID, key.keyId());
    ctx.header(PsiAuth.SIGNATURE, PsiAuth.signResponse(key, nonce, reply.status(), reply.body()));
    ctx.header("Cache-Control", "no-store");
    if (reply.contentType() != null) {
      ctx.contentType(reply.contentType());
    }
    ctx.result(reply.body());
  }

  private static Reply error(int status, String reason, String message) {
    try {
      return Reply.json(status, JSON.writeValueAsBytes(Map.of("error", message, "reason", reason)));
    } catch (IOException e) {
      return Reply.json(status, "{}".getBytes(StandardCharsets.UTF_8));
    }
  }

  static int status(PsiException.Reason reason) {
    return switch (reason) {
      case MALFORMED, INVALID_ELEMENT -> 400;
      case MODE_NOT_ALLOWED -> 403;
      case UNKNOWN_SESSION -> 404;
      case MODE_MISMATCH, REPLAYED, WRONG_STEP, INCONSISTENT -> 409;
      case SET_TOO_SMALL, SET_TOO_LARGE -> 422;
      case RATE_LIMITED, BUDGET_EXHAUSTED -> 429;
    };
  }

  public int openSessions() {
    return sessions.openSessions();
  }

  @Override
  public void close() {
    precompute.shutdownNow();
    workers.close();
  }
}
