package io.distillwatch.sharing.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.jcs.Jcs;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs and verifies STIX objects as DESIGN §5 fixes: the signature sits in the object's {@code
 * extensions} under {@link #EXTENSION_ID} as a property extension
 * {@code {"extension_type":"property-extension","algorithm":"ed25519","key_id":...,"signature":base64}};
 * it covers the RFC 8785 canonical JSON of the object without that extension (and without {@code
 * extensions} at all when the signature was the only one).
 *
 * <p>Security guarantee: a verified object is byte-for-byte (after canonicalisation) what the key
 * holder signed, including its {@code id}, {@code modified} and {@code created_by_ref}, so a
 * signature cannot be moved to another object or version. It says nothing about whether the key
 * holder is who {@code created_by_ref} names: the verifier checks that binding.
 */
public final class ObjectSignature {

  /** Extension-definition id of the DistillWatch signature extension (fixed, see wire-formats). */
  public static final String EXTENSION_ID =
      "extension-definition--5c1f2b7e-8d3a-4f0e-9b6c-2a7d4e1f0c93";

  public static final String ALGORITHM = "ed25519";

  private ObjectSignature() {}

  /** Returns a signed copy of {@code object} (any previous signature extension is replaced). */
  public static ObjectNode sign(ObjectNode object, Ed25519KeyPair key) {
    ObjectNode unsigned = withoutSignature(object);
    byte[] signature = key.sign(signingInput(unsigned));
    ObjectNode signed = unsigned.deepCopy();
    ObjectNode extensions =
        signed.has("extensions") ? (ObjectNode) signed.get("extensions") : signed.putObject("extensions");
    ObjectNode ext = extensions.putObject(EXTENSION_ID);
    ext.put("extension_type", "property-extension");
    ext.put("algorithm", ALGORITHM);
    ext.put("key_id", key.keyId());
    ext.put("signature", Base64.getEncoder().encodeToString(signature));
    return signed;
  }

  /**
   * The bytes a signature covers, and the one place that defines them: the RFC 8785 canonical JSON
   * (UTF-8) of the object without the signature extension. Pinned by a golden file.
   */
  public static byte[] signingInput(ObjectNode object) {
    return Jcs.canonicalBytes(withoutSignature(object));
  }

  /** The object as it was signed: without the signature extension. */
  public static ObjectNode withoutSignature(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    JsonNode extensions = copy.get("extensions");
    if (extensions instanceof ObjectNode ext) {
      ext.remove(EXTENSION_ID);
      if (ext.isEmpty()) {
        copy.remove("extensions");
      }
    }
    return copy;
  }

  /** The key id named by the object's signature extension, if it carries one. */
  public static Optional<String> keyId(JsonNode object) {
    JsonNode ext = object.path("extensions").path(EXTENSION_ID);
    JsonNode keyId = ext.path("key_id");
    return keyId.isTextual() ? Optional.of(keyId.textValue()) : Optional.empty();
  }

  /** Outcome of {@link #verify}. */
  public enum Verdict {
    VALID,
    UNSIGNED,
    MALFORMED,
    UNSUPPORTED_ALGORITHM,
    UNKNOWN_KEY,
    BAD_SIGNATURE
  }

  /** Looks up a raw 32-byte Ed25519 public key by key id. */
  @FunctionalInterface
  public interface KeyResolver {
    Optional<byte[]> publicKey(String keyId);
  }

  /** Verifies the object's signature with the key its {@code key_id} resolves to. */
  public static Verdict verify(ObjectNode object, KeyResolver keys) {
    JsonNode ext = object.path("extensions").path(EXTENSION_ID);
    if (ext.isMissingNode()) {
      return Verdict.UNSIGNED;
    }
    if (!ext.path("algorithm").isTextual()
        || !ext.path("key_id").isTextual()
        || !ext.path("signature").isTextual()) {
      return Verdict.MALFORMED;
    }
    if (!ALGORITHM.equals(ext.get("algorithm").textValue())) {
      return Verdict.UNSUPPORTED_ALGORITHM;
    }
    Optional<byte[]> publicKey = keys.publicKey(ext.get("key_id").textValue());
    if (publicKey.isEmpty() || publicKey.get().length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return Verdict.UNKNOWN_KEY;
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(ext.get("signature").textValue());
    } catch (IllegalArgumentException e) {
      return Verdict.MALFORMED;
    }
    if (signature.length != 64) {
      return Verdict.MALFORMED;
    }
    byte[] message;
    try {
      message = signingInput(object);
    } catch (IllegalArgumentException e) {
      return Verdict.MALFORMED;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey.get(), 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
  }
}
