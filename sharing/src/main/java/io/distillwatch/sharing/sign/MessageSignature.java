package io.distillwatch.sharing.sign;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 over raw bytes, for protocols that sign their own framing (PSI requests and responses)
 * rather than a STIX object. Callers must put a context label in the signed bytes so a signature
 * made for one purpose cannot be replayed as another.
 */
public final class MessageSignature {

  private MessageSignature() {}

  public static byte[] sign(Ed25519KeyPair key, byte[] message) {
    return key.sign(message);
  }

  /** False for a wrong key size, a wrong signature size or a signature that does not verify. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE || signature.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
