package io.distillwatch.sharing.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PsiItemTest {

  @Test
  void addressesAreComparedInOneCanonicalForm() {
    assertThat(PsiItem.of("IP", " 203.0.113.7 ")).isEqualTo(new PsiItem("ip", "203.0.113.7"));
    assertThat(PsiItem.of("ip", "2001:DB8::1").value()).isEqualTo(PsiItem.of("ip", "2001:db8:0:0:0:0:0:1").value());
    assertThat(PsiItem.of("ip", "::ffff:203.0.113.7").value()).isEqualTo("203.0.113.7");
    assertThat(PsiItem.of("email", " Mallory@Example.COM").value()).isEqualTo("mallory@example.com");
    assertThat(PsiItem.of("account", "Acct_42").value()).isEqualTo("Acct_42");
  }

  @Test
  void hostNamesAndMalformedAddressesAreRefusedWithoutALookup() {
    for (String bad : new String[] {"example.com", "localhost", "010.1.1.1", "1.2.3", "fe80::1%eth0", "256.1.1.1"}) {
      assertThatThrownBy(() -> PsiItem.of("ip", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theKindIsPartOfTheHashedBytes() {
    assertThat(Ristretto255.hashToGroup(PsiItem.of("account", "x@example.com").hashInput()))
        .isNotEqualTo(Ristretto255.hashToGroup(PsiItem.of("email", "x@example.com").hashInput()));
  }

  @Test
  void setLinesNameTheirKindOrTakeTheDefault() {
    assertThat(PsiItem.parse("ip:2001:db8::1", null)).isEqualTo(PsiItem.of("ip", "2001:db8::1"));
    assertThat(PsiItem.parse("a:b", "account")).isEqualTo(new PsiItem("account", "a:b"));
    assertThatThrownBy(() -> PsiItem.parse("no-kind", null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** RFC 9496 appendix A.3: the one-way map over SHA-512 of a label. Proves the library is the standard map. */
  @Test
  void hashToGroupIsTheRfc9496OneWayMap() {
    byte[] label = "Ristretto is traditionally a short shot of espresso coffee".getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(Ristretto255.hashToGroup(label)))
        .isEqualTo("3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46");
  }

  /** Golden vector: changing normalisation, domain separation or hashing breaks every peer's matches. */
  @Test
  void hashedBytesArePinned() {
    PsiItem item = PsiItem.of("ip", "203.0.113.7");
    assertThat(new String(item.hashInput(), StandardCharsets.UTF_8)).isEqualTo("distillwatch/psi/v1\u0000ip\u0000203.0.113.7");
    assertThat(HexFormat.of().formatHex(Ristretto255.hashToGroup(item.hashInput()))).isEqualTo(GOLDEN);
  }

  static final String GOLDEN = "3839757ce056a55c5a1cacb8f7ff37bdb920e184376b580b51d93300ebfb986e";
}
