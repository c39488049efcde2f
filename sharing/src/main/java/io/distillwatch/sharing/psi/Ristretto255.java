package io.distillwatch.sharing.psi;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The prime-order group ristretto255 through libsodium (lazysodium's bundled 1.0.18). Elements are
 * 32-byte canonical encodings; scalars are 32-byte little-endian values below the group order.
 *
 * <p>Security guarantees: {@link #hashToGroup} maps a message to an element whose discrete log is
 * unknown (SHA-512, then {@code crypto_core_ristretto255_from_hash}, the RFC 9496 one-way map);
 * {@link #isValidElement} accepts only canonical encodings of non-identity elements, so a peer
 * cannot send a point outside the group, a non-canonical duplicate or the identity (ristretto255 has
 * no small subgroup to confine a scalar to). Scalar multiplication is libsodium's constant-time one.
 * Limits: about 14k scalar multiplications per second per core on the reference machine
 * (docs/benchmarks.md); every call is a JNA call on byte arrays.
 */
public final class Ristretto255 {

  /** Bytes of an encoded element and of a scalar. */
  public static final int ELEMENT_BYTES = 32;

  public static final int SCALAR_BYTES = 32;

  private static final SodiumJava SODIUM = load();

  private Ristretto255() {}

  private static SodiumJava load() {
    SodiumJava sodium = new SodiumJava(LibraryLoader.Mode.PREFER_BUNDLED);
    if (sodium.sodium_init() < 0) {
      throw new IllegalStateException("libsodium failed to initialise");
    }
    return sodium;
  }

  /** The element SHA-512({@code message}) maps to. */
  public static byte[] hashToGroup(byte[] message) {
    byte[] element = new byte[ELEMENT_BYTES];
    hashToGroup(message, element);
    return element;
  }

  /** Writes the element of {@code message} into {@code out} (32 bytes). */
  static void hashToGroup(byte[] message, byte[] out) {
    byte[] digest = sha512().digest(message);
    if (SODIUM.crypto_core_ristretto255_from_hash(out, digest) != 0) {
      throw new IllegalStateException("crypto_core_ristretto255_from_hash failed");
    }
  }

  /** True when {@code element} is the canonical encoding of a group element other than the identity. */
  public static boolean isValidElement(byte[] element) {
    return element.length == ELEMENT_BYTES
        && SODIUM.crypto_core_ristretto255_is_valid_point(element) == 1
        && !isIdentity(element);
  }

  private static boolean isIdentity(byte[] element) {
    int acc = 0;
    for (byte b : element) {
      acc |= b;
    }
    return acc == 0;
  }

  /**
   * {@code out = scalar · element}. False when the element does not decode or the product is the
   * identity (libsodium refuses both); callers validate received elements before this anyway.
   */
  static boolean multiply(byte[] scalar, byte[] element, byte[] out) {
    return SODIUM.crypto_scalarmult_ristretto255(out, scalar, element) == 0;
  }

  /** A uniformly random non-zero scalar (libsodium's {@code randombytes}). */
  static byte[] randomScalar() {
    byte[] s = new byte[SCALAR_BYTES];
    SODIUM.crypto_core_ristretto255_scalar_random(s);
    return s;
  }

  /** {@code scalar mod L}; used only to check a fixed test scalar is canonical. */
  static byte[] reduce(byte[] wide64) {
    byte[] s = new byte[SCALAR_BYTES];
    SODIUM.crypto_core_ristretto255_scalar_reduce(s, wide64);
    return s;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
