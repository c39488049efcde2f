package io.distillwatch.sharing.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.testing.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a STIX object's signature covers ({@link ObjectSignature#signingInput}) is a shared format:
 * members on other releases verify it. Pinned by {@code golden/stix-signature-input-v1.json}, the
 * canonical bytes of a fixed object (non-ASCII text, numbers in exponent form, nested extensions),
 * and by the signature a fixed key makes over it.
 */
class SignatureInputGoldenTest {
  private static final Ed25519KeyPair KEY =
      Ed25519KeyPair.fromSeedBase64(Base64.getEncoder().encodeToString(new byte[32]));

  @Test
  void theSigningInputOfAFixedObjectIsTheGoldenCanonicalJson() throws Exception {
    ObjectNode object = unsigned();

    GoldenFiles.assertSame("stix-signature-input-v1.json", ObjectSignature.signingInput(object));
  }

  @Test
  void aSignatureMadeByAFixedKeyOverTheGoldenInputStillVerifies() throws Exception {
    ObjectNode signed = ObjectSignature.sign(unsigned(), KEY);

    GoldenFiles.assertSame("stix-signed-v1.json", new ObjectMapper().writeValueAsBytes(signed));

    ObjectNode golden = (ObjectNode) new ObjectMapper().readTree(GoldenFiles.read("stix-signed-v1.json"));
    assertThat(ObjectSignature.signingInput(golden)).isEqualTo(GoldenFiles.read("stix-signature-input-v1.json"));
    assertThat(ObjectSignature.verify(golden, id -> Optional.of(KEY.publicKey()))).isEqualTo(ObjectSignature.Verdict.VALID);
  }

  private static ObjectNode unsigned() throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(
        new String(GoldenFiles.read("stix-indicator-unsigned.json"), StandardCharsets.UTF_8));
  }
}
