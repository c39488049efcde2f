package io.distillwatch.sharing.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A member's Ed25519 signing key (Bouncy Castle). The 32-byte private seed is only reachable
 * through {@link #privateSeedForStorage()}, so every place that touches key material is greppable.
 */
public final class Ed25519KeyPair {

  private final Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKeyParameters publicKey;

  private Ed25519KeyPair(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey();
  }

  /** A fresh key from {@link SecureRandom}. */
  public static Ed25519KeyPair generate() {
    return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(new SecureRandom()));
  }

  /** Restores a key from its 32-byte seed (base64). */
  public static Ed25519KeyPair fromSeedBase64(String seedBase64) {
    byte[] seed = Base64.getDecoder().decode(seedBase64.trim());
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
    }
    try {
      return new Ed25519KeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey());
  }

  /** Key id: {@code ed25519:} + the first 16 bytes of SHA-256(public key), hex. */
  public String keyId() {
    return keyIdOf(publicKey());
  }

  /** The key id of a raw 32-byte public key. */
  public static String keyIdOf(byte[] publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
      return "ed25519:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private seed, base64: only for writing the node's key file. */
  public String privateSeedForStorage() {
    return Base64.getEncoder().encodeToString(privateKey.getEncoded());
  }

  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }
}
