package io.distillwatch.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersTest {

  private final Ed25519KeyPair key = Ed25519KeyPair.generate();

  private HubConfig.Member member(String name, String token, String keyId) {
    return new HubConfig.Member(name, "identity--11111111-1111-5111-8111-111111111111", Members.sha256Hex(token),
        List.of(new HubConfig.Key(keyId, key.publicKeyBase64())));
  }

  @Test
  void tokensAuthenticateByHashOnly() {
    Members members = new Members(List.of(member("a", "secret-token", key.keyId())));
    assertThat(members.authenticate("secret-token")).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("a"));
    assertThat(members.authenticate("secret-tokeN")).isEmpty();
    assertThat(members.authenticate("")).isEmpty();
    assertThat(members.authenticate(null)).isEmpty();
    assertThat(members.keyOwner(key.keyId())).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("a"));
  }

  @Test
  void aKeyIdThatDoesNotMatchItsKeyIsRefused() {
    assertThatThrownBy(() -> new Members(List.of(member("a", "t", "ed25519:00000000000000000000000000000000"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
