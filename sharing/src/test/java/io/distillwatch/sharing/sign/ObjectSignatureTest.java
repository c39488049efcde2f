package io.distillwatch.sharing.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectSignatureTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final Ed25519KeyPair alice = Ed25519KeyPair.generate();
  private final Ed25519KeyPair mallory = Ed25519KeyPair.generate();
  private final ObjectSignature.KeyResolver keys =
      id -> Optional.ofNullable(
          Map.of(alice.keyId(), alice.publicKey(), mallory.keyId(), mallory.publicKey()).get(id));

  private ObjectNode campaign(String id, String name) throws Exception {
    return (ObjectNode)
        mapper.readTree(
            "{\"type\":\"campaign\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
                + "\"name\":\"" + name + "\",\"extensions\":{\"x-other-ext\":{\"a\":1}}}");
  }

  @Test
  void signedObjectVerifiesAfterReorderingAndReformatting() throws Exception {
    ObjectNode signed = ObjectSignature.sign(campaign("campaign--11111111-1111-5111-8111-111111111111", "c"), alice);
    String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(signed);
    ObjectNode reparsed = (ObjectNode) mapper.readTree(pretty);
    assertThat(ObjectSignature.verify(reparsed, keys)).isEqualTo(ObjectSignature.Verdict.VALID);
    assertThat(ObjectSignature.keyId(signed)).contains(alice.keyId());
    assertThat(signed.get("extensions").has("x-other-ext")).isTrue();
  }

  @Test
  void anyAlteredFieldBreaksTheSignature() throws Exception {
    ObjectNode signed = ObjectSignature.sign(campaign("campaign--11111111-1111-5111-8111-111111111111", "c"), alice);
    ObjectNode altered = signed.deepCopy();
    altered.put("name", "d");
    assertThat(ObjectSignature.verify(altered, keys)).isEqualTo(ObjectSignature.Verdict.BAD_SIGNATURE);
    ObjectNode otherExt = signed.deepCopy();
    ((ObjectNode) otherExt.get("extensions").get("x-other-ext")).put("a", 2);
    assertThat(ObjectSignature.verify(otherExt, keys)).isEqualTo(ObjectSignature.Verdict.BAD_SIGNATURE);
  }

  @Test
  void aSignatureMovedToAnotherObjectFails() throws Exception {
    ObjectNode signed = ObjectSignature.sign(campaign("campaign--11111111-1111-5111-8111-111111111111", "c"), alice);
    ObjectNode other = campaign("campaign--22222222-2222-5222-8222-222222222222", "c");
    ((ObjectNode) other.get("extensions"))
        .set(ObjectSignature.EXTENSION_ID, signed.get("extensions").get(ObjectSignature.EXTENSION_ID));
    assertThat(ObjectSignature.verify(other, keys)).isEqualTo(ObjectSignature.Verdict.BAD_SIGNATURE);
  }

  @Test
  void aSignatureClaimingAnotherKeyFails() throws Exception {
    ObjectNode signed = ObjectSignature.sign(campaign("campaign--11111111-1111-5111-8111-111111111111", "c"), mallory);
    ((ObjectNode) signed.get("extensions").get(ObjectSignature.EXTENSION_ID)).put("key_id", alice.keyId());
    assertThat(ObjectSignature.verify(signed, keys)).isEqualTo(ObjectSignature.Verdict.BAD_SIGNATURE);
  }

  @Test
  void unsignedUnknownKeyAndMalformedAreReported() throws Exception {
    ObjectNode plain = campaign("campaign--11111111-1111-5111-8111-111111111111", "c");
    assertThat(ObjectSignature.verify(plain, keys)).isEqualTo(ObjectSignature.Verdict.UNSIGNED);
    ObjectNode signed = ObjectSignature.sign(plain, Ed25519KeyPair.generate());
    assertThat(ObjectSignature.verify(signed, keys)).isEqualTo(ObjectSignature.Verdict.UNKNOWN_KEY);
    ObjectNode broken = ObjectSignature.sign(plain, alice);
    ((ObjectNode) broken.get("extensions").get(ObjectSignature.EXTENSION_ID)).put("signature", "%%%");
    assertThat(ObjectSignature.verify(broken, keys)).isEqualTo(ObjectSignature.Verdict.MALFORMED);
  }

  @Test
  void keyRestoredFromSeedSignsTheSame() throws Exception {
    Ed25519KeyPair restored = Ed25519KeyPair.fromSeedBase64(alice.privateSeedForStorage());
    assertThat(restored.keyId()).isEqualTo(alice.keyId());
    ObjectNode signed = ObjectSignature.sign(campaign("campaign--11111111-1111-5111-8111-111111111111", "c"), restored);
    assertThat(ObjectSignature.verify(signed, keys)).isEqualTo(ObjectSignature.Verdict.VALID);
  }
}
