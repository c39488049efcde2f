package io.distillwatch.node.psi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.psi.PsiAuth;
import io.distillwatch.sharing.psi.PsiChunk;
import io.distillwatch.sharing.psi.PsiInitiator;
import io.distillwatch.sharing.psi.PsiMode;
import io.distillwatch.sharing.psi.PsiPeers;
import io.distillwatch.sharing.psi.PsiResult;
import io.distillwatch.sharing.psi.PsiSessionId;
import io.distillwatch.sharing.psi.PsiWire;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs a {@link PsiInitiator} against a node's PSI endpoint: signs every request with our member key
 * and accepts only responses signed by the expected peer for that request. {@link Wiretap} sees every
 * byte sent and received (the leak test uses it).
 */
public final class PsiHttpClient {

  /** Observes each exchange: request line and headers, body; response status and headers, body. */
  @FunctionalInterface
  public interface Wiretap {
    void exchange(String requestHead, byte[] requestBody, String responseHead, byte[] responseBody);
  }

  /** The peer refused, or answered with something we cannot accept. */
  public static final class PeerException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    PeerException(int status, String reason, String message) {
      super(message);
      this.status = status;
      this.reason = reason;
    }

    public int status() {
      return status;
    }

    /** The peer's refusal reason (e.g. {@code SET_TOO_SMALL}), or {@code RESPONSE} for an unacceptable response. */
    public String reason() {
      return reason;
    }
  }

  private final URI base;
  private final Ed25519KeyPair key;
  private final PsiPeers peers;
  private final String expectedPeer;
  private final Wiretap wiretap;
  private final HttpClient http;
  private PsiPeers.Peer peer;

  /**
   * @param base the node's URL, e.g. {@code https://psi.provider-b.example/}
   * @param expectedPeer the member name the responses must be signed by, or null for any member of {@code peers}
   */
  public PsiHttpClient(URI base, Ed25519KeyPair key, PsiPeers peers, String expectedPeer, Wiretap wiretap) {
    this.base = base;
    this.key = key;
    this.peers = peers;
    this.expectedPeer = expectedPeer;
    this.wiretap = wiretap == null ? (r, b, s, rb) -> {} : wiretap;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Runs the whole session; the result names the peer that signed the answers. */
  public PsiResult run(PsiInitiator a) throws IOException, InterruptedException {
    String sessions = PsiEndpoint.BASE;
    a.onAccepted(PsiWire.decodeAccepted(post(sessions, PsiWire.encode(a.open()), 201)));
    String s = sessions + "/" + PsiSessionId.hex(a.sessionId());
    boolean count = a.open().mode() == PsiMode.COUNT;
    for (int i = 0; i < a.clientChunks(); i++) {
      byte[] answer = post(s + "/client-blinded", PsiWire.encode(a.clientBlinded(i)), count ? 204 : 200);
      if (!count) {
        a.onClientDoubleBlinded(chunk(answer));
      }
    }
    for (int j = 0; j < a.serverChunks(); j++) {
      a.onServerBlinded(chunk(post(s + "/server-blinded/" + j, new byte[0], 200)));
    }
    if (count) {
      for (int i = 0; i < a.clientChunks(); i++) {
        a.onClientDoubleBlinded(chunk(post(s + "/client-double-blinded/" + i, new byte[0], 200)));
      }
    }
    PsiResult ours = a.result();
    for (int j = 0; j < a.serverChunks(); j++) {
      boolean last = j == a.serverChunks() - 1;
      byte[] answer = post(s + "/server-double-blinded", PsiWire.encode(a.serverDoubleBlinded(j)), last ? 200 : 204);
      if (last) {
        a.onFinished(PsiWire.decodeFinished(answer));
      }
    }
    return new PsiResult(peer.name(), ours.session(), ours.mode(), ours.ownSize(), ours.peerSize(), ours.count(),
        ours.matched());
  }

  /** The member whose key signed the answers (after {@link #run}). */
  public PsiPeers.Peer peer() {
    return peer;
  }

  private static PsiChunk chunk(byte[] body) {
    return PsiWire.decodeChunk(body, 65_536);
  }

  private byte[] post(String path, byte[] body, int expected) throws IOException, InterruptedException {
    PsiAuth.Signed signed = PsiAuth.signRequest(key, "POST", path, System.currentTimeMillis(), body);
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(5))
        .header("Content-Type", body.length > 0 && body[0] == '{' ? "application/json" : "application/octet-stream")
        .header(PsiAuth.KEY_ID, signed.keyId())
        .header(PsiAuth.TIMESTAMP, signed.timestamp())
        .header(PsiAuth.NONCE, signed.nonce())
        .header(PsiAuth.SIGNATURE, signed.signature())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] answer = response.body();
    wiretap.exchange("POST " + request.uri() + "\n" + request.headers().map(), body,
        response.statusCode() + "\n" + response.headers().map(), answer);
    PsiPeers.Peer signer = response.headers().firstValue(PsiAuth.KEY_ID).flatMap(peers::byKeyId)
        .filter(p -> expectedPeer == null || expectedPeer.equals(p.name()))
        .orElseThrow(() -> new PeerException(response.statusCode(), "RESPONSE",
            "the response is not signed by " + (expectedPeer == null ? "a known member" : expectedPeer)));
    if (!PsiAuth.verifyResponse(signer, signed.nonce(), response.statusCode(), answer,
        response.headers().firstValue(PsiAuth.SIGNATURE).orElse(null))) {
      throw new PeerException(response.statusCode(), "RESPONSE", "the response signature does not verify");
    }
    if (peer != null && !peer.keyId().equals(signer.keyId())) {
      throw new PeerException(response.statusCode(), "RESPONSE", "the peer's key changed during the session");
    }
    peer = signer;
    if (response.statusCode() != expected) {
      throw refusal(response.statusCode(), answer);
    }
    return answer;
  }

  private static PeerException refusal(int status, byte[] body) {
    try {
      JsonNode n = new ObjectMapper().readTree(body);
      return new PeerException(status, n.path("reason").asText("UNKNOWN"), n.path("error").asText("refused"));
    } catch (IOException e) {
      return new PeerException(status, "UNKNOWN", "the peer answered " + status);
    }
  }
}
