package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void aHashVerifiesItsPasswordOnlyAndIsSaltedArgon2id() {
    String h = Passwords.hash("correct horse battery staple");
    assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(Passwords.verify("correct horse battery staple", h)).isTrue();
    assertThat(Passwords.verify("correct horse battery stapl", h)).isFalse();
    assertThat(Passwords.hash("correct horse battery staple")).isNotEqualTo(h);
  }

  @Test
  void malformedHashesNeverVerify() {
    for (String bad : new String[] {"", "plain", "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA",
        "$argon2id$v=19$q=8,t=1,p=1$AAAA$AAAA", "$2a$10$abcdefghijklmnopqrstuv"}) {
      assertThat(Passwords.verify("x", bad)).as(bad).isFalse();
    }
  }

  @Test
  void tokensAreRandomAndStoredAsSha256() {
    assertThat(Passwords.randomToken(32)).hasSize(43).isNotEqualTo(Passwords.randomToken(32));
    assertThat(Passwords.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
