package io.distillwatch.sharing.psi;

import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.MessageSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Signed PSI requests and responses (ADR 0045). A request carries {@code X-DW-Key-Id}, {@code
 * X-DW-Timestamp} (epoch ms), {@code X-DW-Nonce} (16 random bytes, base64url) and {@code
 * X-DW-Signature}: Ed25519 over
 *
 * <pre>distillwatch-psi-request-v1 \n METHOD \n path \n timestamp \n nonce \n hex(SHA-256(body))</pre>
 *
 * A response carries the responder's {@code X-DW-Key-Id} and {@code X-DW-Signature} over
 *
 * <pre>distillwatch-psi-response-v1 \n request nonce \n status \n hex(SHA-256(body))</pre>
 *
 * so it answers exactly that request. Security guarantees: a request is accepted once, from a known
 * member key, within ±{@link #WINDOW_MILLIS} of the responder's clock; a response is accepted only
 * from the expected member and only for the request that asked. Confidentiality is not provided
 * (the elements are blinded; sizes and timing are visible to an eavesdropper without TLS).
 */
public final class PsiAuth {

  public static final String KEY_ID = "X-DW-Key-Id";
  public static final String TIMESTAMP = "X-DW-Timestamp";
  public static final String NONCE = "X-DW-Nonce";
  public static final String SIGNATURE = "X-DW-Signature";
  /** Largest accepted clock difference, and how long a nonce is remembered: 5 minutes. */
  public static final long WINDOW_MILLIS = 5 * 60_000L;

  private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final int MAX_REMEMBERED = 1_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Headers of a signed request. */
  public record Signed(String keyId, String timestamp, String nonce, String signature) {}

  /** Why a request is refused (all answered 401, with this as the message). */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** Looks up a header of the request being checked. */
  @FunctionalInterface
  public interface Headers {
    String get(String name);
  }

  private final PsiPeers peers;
  private final LongSupplier clock;
  private final Map<String, Long> seen = new LinkedHashMap<>();

  public PsiAuth(PsiPeers peers, LongSupplier clock) {
    this.peers = peers;
    this.clock = clock;
  }

  /** Signs a request as {@code key}; the nonce is fresh. */
  public static Signed signRequest(Ed25519KeyPair key, String method, String path, long now, byte[] body) {
    byte[] raw = new byte[16];
    RANDOM.nextBytes(raw);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String ts = Long.toString(now);
    byte[] sig = MessageSignature.sign(key, requestBytes(method, path, ts, nonce, body));
    return new Signed(key.keyId(), ts, nonce, Base64.getEncoder().encodeToString(sig));
  }

  /**
   * The member that signed this request.
   *
   * @throws Refused unsigned, unknown key, bad signature, stale or future timestamp, or a nonce seen before
   */
  public PsiPeers.Peer verifyRequest(String method, String path, Headers headers, byte[] body) throws Refused {
    String keyId = headers.get(KEY_ID);
    String ts = headers.get(TIMESTAMP);
    String nonce = headers.get(NONCE);
    String sig = headers.get(SIGNATURE);
    if (keyId == null || ts == null || nonce == null || sig == null) {
      throw new Refused("request is not signed (" + KEY_ID + ", " + TIMESTAMP + ", " + NONCE + ", " + SIGNATURE + ")");
    }
    PsiPeers.Peer peer = peers.byKeyId(keyId).orElseThrow(() -> new Refused("unknown key id"));
    long at;
    try {
      at = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      throw new Refused("timestamp must be epoch milliseconds");
    }
    long now = clock.getAsLong();
    if (Math.abs(now - at) > WINDOW_MILLIS) {
      throw new Refused("timestamp outside the accepted window of 5 minutes");
    }
    if (!NONCE_FORMAT.matcher(nonce).matches()) {
      throw new Refused("nonce must be 16 bytes, base64url");
    }
    if (!MessageSignature.verify(peer.publicKey(), requestBytes(method, path, ts, nonce, body), decode(sig))) {
      throw new Refused("signature does not verify");
    }
    remember(keyId + "/" + nonce, now);
    return peer;
  }

  private synchronized void remember(String keyNonce, long now) throws Refused {
    for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next() > now - 2 * WINDOW_MILLIS) {
        break;
      }
      it.remove();
    }
    if (seen.containsKey(keyNonce)) {
      throw new Refused("replayed request (nonce already used)");
    }
    if (seen.size() >= MAX_REMEMBERED) {
      throw new Refused("too many requests in the replay window");
    }
    seen.put(keyNonce, now);
  }

  /** The response signature for the request with {@code requestNonce}. */
  public static String signResponse(Ed25519KeyPair key, String requestNonce, int status, byte[] body) {
    return Base64.getEncoder().encodeToString(MessageSignature.sign(key, responseBytes(requestNonce, status, body)));
  }

  /** True when {@code signature} is {@code peer}'s signature of this response to our request. */
  public static boolean verifyResponse(PsiPeers.Peer peer, String requestNonce, int status, byte[] body, String signature) {
    return signature != null && MessageSignature.verify(peer.publicKey(), responseBytes(requestNonce, status, body), decode(signature));
  }

  private static byte[] decode(String b64) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  static byte[] requestBytes(String method, String path, String ts, String nonce, byte[] body) {
    return ("distillwatch-psi-request-v1\n" + method + "\n" + path + "\n" + ts + "\n" + nonce + "\n" + sha256Hex(body))
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] responseBytes(String nonce, int status, byte[] body) {
    return ("distillwatch-psi-response-v1\n" + nonce + "\n" + status + "\n" + sha256Hex(body))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
