package io.distillwatch.sharing.crossref;

import com.google.crypto.tink.AccessesPartialKey;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import io.distillwatch.util.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeSet;

/**
 * The members' blinding keyset: HMAC-SHA-256 PRF keys handled by Tink, each with a 32-bit key id.
 * The primary key blinds what a node publishes; every key in the set still matches indicators
 * blinded under it, so rotation is: add a new primary, distribute, drop the old key once its
 * indicators have decayed. Key bytes never leave Tink's handle, are never logged ({@link #toString}
 * names only key ids), and the file is written owner-only.
 *
 * <p>The keyset is shared among members out of band (never through the hub, which therefore
 * cannot compute or test a blinded value).
 */
public final class BlindingKeys {
  static {
    try {
      PrfConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeysetHandle handle;
  private final int primaryId;
  private final Map<Integer, Prf> prfs;

  private BlindingKeys(KeysetHandle handle) {
    try {
      PrfSet set = handle.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
      this.handle = handle;
      this.primaryId = set.getPrimaryId();
      this.prfs = Map.copyOf(set.getPrfs());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an HMAC-SHA-256 PRF keyset: " + e.getClass().getSimpleName());
    }
  }

  /** A fresh keyset with one HMAC-SHA-256 PRF key (32 random bytes). */
  public static BlindingKeys generate() {
    try {
      return new BlindingKeys(KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A keyset of one given 32-byte HMAC-SHA-256 key under a given id: for a key the forum agreed on
   * elsewhere, and for golden test vectors. Prefer {@link #generate()}.
   */
  @AccessesPartialKey
  public static BlindingKeys fromRawKey(int keyId, byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a blinding key is 32 bytes");
    }
    try {
      com.google.crypto.tink.prf.HmacPrfKey k = com.google.crypto.tink.prf.HmacPrfKey.builder()
          .setParameters(PredefinedPrfParameters.HMAC_SHA256_PRF)
          .setKeyBytes(com.google.crypto.tink.util.SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
          .build();
      return new BlindingKeys(KeysetHandle.newBuilder()
          .addEntry(KeysetHandle.importKey(k).withFixedId(keyId).makePrimary()).build());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot import the key: " + e.getClass().getSimpleName());
    }
  }

  /** This keyset plus a new primary key; the older keys stay for matching. */
  public BlindingKeys rotate() {
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedPrfParameters.HMAC_SHA256_PRF)
          .withRandomId().makePrimary());
      return new BlindingKeys(b.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This keyset without {@code keyId} (not the primary). */
  public BlindingKeys without(int keyId) {
    if (keyId == primaryId) {
      throw new IllegalArgumentException("cannot drop the primary blinding key; rotate first");
    }
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      for (int i = b.size() - 1; i >= 0; i--) {
        KeysetHandle.Entry e = handle.getAt(i);
        if (e.getId() == keyId) {
          b.deleteAt(i);
        }
      }
      return new BlindingKeys(b.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a Tink JSON keyset. @throws IOException unreadable or not a PRF keyset */
  public static BlindingKeys load(Path file) throws IOException {
    try {
      return new BlindingKeys(TinkJsonProtoKeysetFormat.parseKeyset(
          Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("not a blinding keyset (Tink JSON, HMAC-SHA-256 PRF): " + file);
    }
  }

  /** Writes the keyset (Tink JSON) owner-only, atomically. */
  public void save(Path file) throws IOException {
    String json;
    try {
      json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    SecretFiles.write(file, json);
  }

  /** Id of the key that blinds what this node publishes. */
  public int primaryId() {
    return primaryId;
  }

  /** Every key id in the set (older keys still match), ascending. */
  public java.util.SortedSet<Integer> keyIds() {
    return new TreeSet<>(prfs.keySet());
  }

  public boolean has(int keyId) {
    return prfs.containsKey(keyId);
  }

  /** {@code length} bytes of HMAC-SHA-256 under key {@code keyId}. */
  byte[] prf(int keyId, byte[] input, int length) {
    Prf prf = prfs.get(keyId);
    if (prf == null) {
      throw new IllegalArgumentException("no blinding key with id " + Integer.toUnsignedString(keyId));
    }
    try {
      return prf.compute(input, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "BlindingKeys{primary=" + Integer.toUnsignedString(primaryId) + ", keys=" + prfs.size() + "}";
  }
}
