package io.distillwatch.sharing.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.Tlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.distillwatch.util.SecretFiles;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A node's sharing identity, kept in one JSON file readable only by its owner: display name,
 * Ed25519 signing key, and the node secret that derives STIX ids. The identity id and key id follow
 * from the secrets, so the public half ({@link #memberEntry}) can be handed to the forum.
 */
public final class NodeKey {

  private final String name;
  private final Ed25519KeyPair key;
  private final byte[] nodeSecret;

  private NodeKey(String name, Ed25519KeyPair key, byte[] nodeSecret) {
    this.name = name;
    this.key = key;
    this.nodeSecret = nodeSecret.clone();
  }

  /** A fresh key and a fresh 32-byte node secret. */
  public static NodeKey generate(String name) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new NodeKey(name, Ed25519KeyPair.generate(), secret);
  }

  public static NodeKey load(Path file) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    if (n == null || !n.path("private_seed").isTextual() || !n.path("node_secret").isTextual()) {
      throw new IOException("not a DistillWatch node key file: " + file);
    }
    return new NodeKey(n.path("name").asText("node"), Ed25519KeyPair.fromSeedBase64(n.get("private_seed").asText()),
        Base64.getDecoder().decode(n.get("node_secret").asText()));
  }

  /** Writes the key file owner-only from its first byte, where the file system supports permissions. */
  public void save(Path file) throws IOException {
    ObjectNode n = memberEntry();
    n.put("private_seed", key.privateSeedForStorage());
    n.put("node_secret", Base64.getEncoder().encodeToString(nodeSecret));
    SecretFiles.write(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
  }

  public String name() {
    return name;
  }

  public Ed25519KeyPair signingKey() {
    return key;
  }

  public StixIds ids() {
    return new StixIds(nodeSecret);
  }

  public StixFactory factory(Tlp tlp) {
    return new StixFactory(ids(), tlp);
  }

  public String identityId() {
    return factory(Tlp.CLEAR).identityId();
  }

  /** The public part, shaped like a member of {@code hub.json} (add {@code token_sha256}). */
  public ObjectNode memberEntry() {
    ObjectNode m = new ObjectMapper().createObjectNode();
    m.put("name", name);
    m.put("identity_id", identityId());
    ObjectNode k = m.putArray("keys").addObject();
    k.put("key_id", key.keyId());
    k.put("public_key", key.publicKeyBase64());
    return m;
  }
}
