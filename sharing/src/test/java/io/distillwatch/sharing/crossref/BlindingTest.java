package io.distillwatch.sharing.crossref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BlindingTest {
  /** Test key: bytes 0..31 under key id 16909060 (0x01020304). */
  static BlindingKeys testKeys() {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) i;
    }
    return BlindingKeys.fromRawKey(0x01020304, key);
  }

  /**
   * Golden vectors: HMAC-SHA-256(key, "distillwatch:blind:v1:" + kind + ":" + normal form), checked
   * independently with Python's hmac module.
   */
  @ParameterizedTest(name = "{0} ''{1}''")
  @CsvSource(delimiter = '|', value = {
    "payment_fingerprint | ' pm_1Abc '        | 27c30d319a5956b0228c6ee080ec6cd8764c208c4061108a8d8d1bfbcf9f746b",
    "email_domain        | jane@CORP.example  | f2cd9379029ab3f1a8cdabef1635567054b00489914772cf562c967f9ae88c43",
  })
  void goldenVectors(String kind, String raw, String hex) {
    BlindedValue v = DisclosurePolicy.blind(Identifier.fromWire(kind), raw, testKeys());
    assertThat(v.hex()).isEqualTo(hex);
    assertThat(v.keyId()).isEqualTo(0x01020304);
  }

  @ParameterizedTest
  @EnumSource(value = Identifier.class, names = {"IP_ADDRESS", "EMAIL_ADDRESS", "ACCOUNT_ID", "API_KEY", "PROMPT_TEXT",
      "ASN", "NETWORK_RANGE", "TLS_CLIENT"})
  void onlyBlindedKindsAreBlinded(Identifier kind) {
    assertThatThrownBy(() -> DisclosurePolicy.blind(kind, "203.0.113.5", testKeys()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not leave the node blinded");
  }

  @ParameterizedTest
  @EnumSource(value = Identifier.class, names = {"IP_ADDRESS", "EMAIL_ADDRESS", "ACCOUNT_ID", "API_KEY", "PROMPT_TEXT",
      "PAYMENT_FINGERPRINT", "EMAIL_DOMAIN", "SYSTEM_PROMPT", "TEMPLATE_SKETCH", "CAMPAIGN_PROFILE"})
  void onlyClearKindsTravelInClear(Identifier kind) {
    assertThatThrownBy(() -> DisclosurePolicy.clear(kind, "16509"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not leave the node in clear");
  }

  @Test
  void rotationKeepsOldKeysForMatchingAndBlindsWithTheNewOne(@TempDir Path dir) throws Exception {
    BlindingKeys k1 = BlindingKeys.generate();
    BlindedValue before = DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_9", k1);
    BlindingKeys k2 = k1.rotate();
    assertThat(k2.primaryId()).isNotEqualTo(k1.primaryId());
    assertThat(k2.keyIds()).contains(k1.primaryId(), k2.primaryId());
    BlindedValue after = DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_9", k2);
    assertThat(after.hex()).isNotEqualTo(before.hex());
    assertThat(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_9", k2, k1.primaryId())).isEqualTo(before);
    BlindingKeys k3 = k2.without(k1.primaryId());
    assertThat(k3.keyIds()).containsExactly(k2.primaryId());
    assertThatThrownBy(() -> k2.without(k2.primaryId())).hasMessageContaining("primary");

    Path file = dir.resolve("blinding.json");
    k2.save(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    BlindingKeys loaded = BlindingKeys.load(file);
    assertThat(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_9", loaded)).isEqualTo(after);
  }

  @Test
  void keysNeverShowInTextOrErrors(@TempDir Path dir) throws Exception {
    BlindingKeys k = testKeys();
    assertThat(k.toString()).contains("16909060").doesNotContain("AAECAwQF").doesNotContain("000102");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"primaryKeyId\": 1, \"key\": []}");
    assertThatThrownBy(() -> BlindingKeys.load(bad)).hasMessageContaining("not a blinding keyset");
    assertThatThrownBy(() -> k.prf(42, new byte[1], 4)).hasMessageContaining("no blinding key with id 42");
  }
}
