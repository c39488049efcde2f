package io.distillwatch.sharing.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives STIX ids as DESIGN §5 fixes: {@code type--UUIDv5(NAMESPACE, HMAC-SHA-256(node secret,
 * type ":" local id))}. The same local id always maps to the same STIX id (re-publishing is
 * idempotent), and without the node secret the id reveals nothing about the local id.
 *
 * <p>The node secret must be at least 16 bytes; it never leaves the node.
 */
public final class StixIds {

  /** UUIDv5 namespace of DistillWatch object ids (a fixed random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("7d3c9a8e-1f42-4b6a-9e0d-5b8c2a41f7e3");

  private final SecretKeySpec key;

  public StixIds(byte[] nodeSecret) {
    if (nodeSecret.length < 16) {
      throw new IllegalArgumentException("node secret must be at least 16 bytes");
    }
    this.key = new SecretKeySpec(nodeSecret.clone(), "HmacSHA256");
  }

  /** The STIX id of the local object {@code localId} of STIX type {@code type}. */
  public String id(String type, String localId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] name = mac.doFinal((type + ":" + localId).getBytes(StandardCharsets.UTF_8));
      return type + "--" + uuidV5(NAMESPACE, name);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1). */
  public static UUID uuidV5(UUID namespace, byte[] name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] hash = sha1.digest(name);
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bb.getLong(), bb.getLong());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
