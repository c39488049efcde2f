package io.distillwatch.sharing.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PsiAuthTest {

  private final Ed25519KeyPair member = Ed25519KeyPair.generate();
  private final Ed25519KeyPair other = Ed25519KeyPair.generate();
  private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  private final PsiAuth auth =
      new PsiAuth(new PsiPeers(List.of(new PsiPeers.Peer("a", member.keyId(), member.publicKey()))), now::get);
  private final byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

  private static PsiAuth.Headers headers(PsiAuth.Signed s) {
    Map<String, String> h = Map.of(PsiAuth.KEY_ID, s.keyId(), PsiAuth.TIMESTAMP, s.timestamp(), PsiAuth.NONCE, s.nonce(),
        PsiAuth.SIGNATURE, s.signature());
    return h::get;
  }

  @Test
  void aSignedRequestIsAcceptedOnceAndNamesItsMember() throws Exception {
    PsiAuth.Signed s = PsiAuth.signRequest(member, "POST", "/p", now.get(), body);
    assertThat(auth.verifyRequest("POST", "/p", headers(s), body).name()).isEqualTo("a");
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(s), body))
        .isInstanceOf(PsiAuth.Refused.class).hasMessageContaining("replayed");
  }

  @Test
  void changedPathBodyOrTimeAndUnknownKeysAreRefused() {
    PsiAuth.Signed s = PsiAuth.signRequest(member, "POST", "/p", now.get(), body);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/q", headers(s), body)).isInstanceOf(PsiAuth.Refused.class);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(s), new byte[0])).isInstanceOf(PsiAuth.Refused.class);
    PsiAuth.Signed byOther = PsiAuth.signRequest(other, "POST", "/p", now.get(), body);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(byOther), body)).hasMessageContaining("unknown key");
    PsiAuth.Signed old = PsiAuth.signRequest(member, "POST", "/p", now.get() - PsiAuth.WINDOW_MILLIS - 1, body);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(old), body)).hasMessageContaining("window");
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", name -> null, body)).hasMessageContaining("not signed");
  }

  @Test
  void aNonceIsForgottenOnlyAfterItsTimestampCouldNoLongerBeAccepted() throws Exception {
    PsiAuth.Signed s = PsiAuth.signRequest(member, "POST", "/p", now.get(), body);
    auth.verifyRequest("POST", "/p", headers(s), body);
    now.addAndGet(PsiAuth.WINDOW_MILLIS);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(s), body)).hasMessageContaining("replayed");
    now.addAndGet(1);
    assertThatThrownBy(() -> auth.verifyRequest("POST", "/p", headers(s), body)).hasMessageContaining("window");
  }

  @Test
  void aResponseVerifiesOnlyForItsRequestStatusAndBody() {
    PsiPeers.Peer peer = new PsiPeers.Peer("a", member.keyId(), member.publicKey());
    String sig = PsiAuth.signResponse(member, "nonce-1", 200, body);
    assertThat(PsiAuth.verifyResponse(peer, "nonce-1", 200, body, sig)).isTrue();
    assertThat(PsiAuth.verifyResponse(peer, "nonce-2", 200, body, sig)).isFalse();
    assertThat(PsiAuth.verifyResponse(peer, "nonce-1", 201, body, sig)).isFalse();
    assertThat(PsiAuth.verifyResponse(peer, "nonce-1", 200, new byte[0], sig)).isFalse();
    assertThat(PsiAuth.verifyResponse(peer, "nonce-1", 200, body, "not base64!")).isFalse();
  }
}
