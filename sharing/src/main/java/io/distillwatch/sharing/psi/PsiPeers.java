package io.distillwatch.sharing.psi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The members a node runs PSI with: key id → member name and Ed25519 public key. Read from a JSON
 * list of member entries (what {@code keygen} prints), a single entry, or a hub.json ({@code
 * members}); a key id that does not match its public key is refused.
 */
public final class PsiPeers {

  /** A member key. */
  public record Peer(String name, String keyId, byte[] publicKey) {
    public Peer {
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }
  }

  private final Map<String, Peer> byKeyId = new HashMap<>();

  public PsiPeers(Iterable<Peer> peers) {
    for (Peer p : peers) {
      if (p.publicKey().length != 32 || !Ed25519KeyPair.keyIdOf(p.publicKey()).equals(p.keyId())) {
        throw new IllegalArgumentException("member " + p.name() + ": key id does not match its public key");
      }
      byKeyId.put(p.keyId(), p);
    }
    if (byKeyId.isEmpty()) {
      throw new IllegalArgumentException("no member keys");
    }
  }

  public static PsiPeers read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode list = root == null ? null : root.isArray() ? root : root.has("members") ? root.get("members") : null;
    java.util.List<Peer> peers = new java.util.ArrayList<>();
    Iterable<JsonNode> members = list != null ? list : root == null ? java.util.List.of() : java.util.List.of(root);
    for (JsonNode m : members) {
      for (JsonNode k : m.path("keys")) {
        try {
          peers.add(new Peer(m.path("name").asText(), k.path("key_id").asText(),
              Base64.getDecoder().decode(k.path("public_key").asText())));
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ": member " + m.path("name").asText() + " has a malformed public key");
        }
      }
    }
    try {
      return new PsiPeers(peers);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  public Optional<Peer> byKeyId(String keyId) {
    return Optional.ofNullable(keyId == null ? null : byKeyId.get(keyId));
  }
}
