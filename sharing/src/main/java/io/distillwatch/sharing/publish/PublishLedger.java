package io.distillwatch.sharing.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.jcs.Jcs;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.StixJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes re-publishing idempotent: remembers, per STIX id, a fingerprint of the object's content
 * (canonical JSON without {@code modified} and signature) and the {@code modified} it was published
 * with. Unchanged content keeps its old {@code modified}, so the hub sees the very same version;
 * changed content gets a newer one ({@code max(now, previous + 1 ms)}), never an older one.
 */
public final class PublishLedger {

  private final Path file;
  private final ObjectNode entries;
  private final ObjectMapper mapper = new ObjectMapper();

  private PublishLedger(Path file, ObjectNode entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Opens the ledger at {@code file} (an absent file is an empty ledger). */
  public static PublishLedger open(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode entries = Files.exists(file) ? (ObjectNode) mapper.readTree(file.toFile()) : mapper.createObjectNode();
    return new PublishLedger(file, entries);
  }

  /** Sets {@code modified} on each object (in place) as described above. */
  public void stamp(List<ObjectNode> objects, Instant now) {
    for (ObjectNode o : objects) {
      String id = o.get("id").asText();
      String fingerprint = fingerprint(o);
      Instant created = Instant.parse(o.get("created").asText());
      JsonNode previous = entries.get(id);
      Instant modified;
      if (previous != null && fingerprint.equals(previous.path("fingerprint").asText())) {
        modified = Instant.parse(previous.get("modified").asText());
      } else if (previous != null) {
        Instant before = Instant.parse(previous.get("modified").asText());
        modified = now.isAfter(before.plusMillis(1)) ? now : before.plusMillis(1);
      } else {
        modified = o.path("type").asText().equals("identity") || o.path("type").asText().equals("attack-pattern")
            ? created : now;
      }
      if (modified.isBefore(created)) {
        modified = created;
      }
      o.put("modified", StixJson.timestamp(modified));
      ObjectNode entry = entries.putObject(id);
      entry.put("fingerprint", fingerprint);
      entry.put("modified", StixJson.timestamp(modified));
    }
  }

  /** Writes the ledger atomically. Call after the hub accepted the objects. */
  public void save() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".ledger", ".tmp");
    mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entries);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String fingerprint(ObjectNode o) {
    ObjectNode copy = ObjectSignature.withoutSignature(o);
    copy.remove("modified");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Jcs.canonicalBytes(copy)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
