package io.distillwatch.hub.auth;

import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The member registry: authenticates bearer tokens against stored SHA-256 hashes (constant-time
 * comparison over every member, so timing does not reveal which member a guess came close to) and
 * resolves signing keys. Key ids that do not match their public key are refused at start-up.
 */
public final class Members {

  /** An authenticated member. */
  public record Member(String name, String identityId) {}

  private record Entry(Member member, byte[] tokenHash) {}

  private final List<Entry> entries;
  private final Map<String, byte[]> keys = new HashMap<>();
  private final Map<String, Member> keyOwners = new HashMap<>();

  public Members(List<HubConfig.Member> configured) {
    this.entries =
        configured.stream()
            .map(m -> new Entry(new Member(m.name(), m.identityId()),
                HexFormat.of().parseHex(m.tokenSha256().toLowerCase(Locale.ROOT))))
            .toList();
    for (HubConfig.Member m : configured) {
      for (HubConfig.Key k : m.keys()) {
        byte[] raw = Base64.getDecoder().decode(k.publicKey());
        if (raw.length != 32 || !Ed25519KeyPair.keyIdOf(raw).equals(k.keyId())) {
          throw new IllegalArgumentException("member " + m.name() + ": key id does not match its public key");
        }
        keys.put(k.keyId(), raw);
        keyOwners.put(k.keyId(), new Member(m.name(), m.identityId()));
      }
    }
  }

  /**
   * A registry of public keys only (for readers verifying pulled objects): the {@code members} of
   * a hub.json, token hashes optional.
   */
  public static Members publicKeysOf(List<HubConfig.Member> configured) {
    return new Members(configured.stream()
        .map(m -> new HubConfig.Member(m.name(), m.identityId(),
            m.tokenSha256() == null ? "0".repeat(64) : m.tokenSha256(), m.keys()))
        .toList());
  }

  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The member holding this bearer token, if any. */
  public Optional<Member> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    byte[] hash = sha256(token);
    Member found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(hash, e.tokenHash())) {
        found = e.member();
      }
    }
    return Optional.ofNullable(found);
  }

  public Optional<byte[]> publicKey(String keyId) {
    return Optional.ofNullable(keys.get(keyId)).map(byte[]::clone);
  }

  public Optional<Member> keyOwner(String keyId) {
    return Optional.ofNullable(keyOwners.get(keyId));
  }
}
