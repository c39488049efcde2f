package io.distillwatch.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiTime;
import io.distillwatch.sharing.jcs.Jcs;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.ReferenceObjects;
import io.distillwatch.sharing.stix.StixValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls collections into a local store, resuming from the last {@code X-TAXII-Date-Added-Last}
 * seen, which is persisted (atomically) in a small JSON state file after every page. Objects that
 * fail the structural check (or, given the members' public keys, the signature check) are skipped
 * and counted, never stored.
 */
public final class Puller {

  private final TaxiiClient client;
  private final HubStore local;
  private final Path stateFile;
  private final Members signers;
  private final ObjectMapper mapper = new ObjectMapper();

  public Puller(TaxiiClient client, HubStore local, Path stateFile) {
    this(client, local, stateFile, null);
  }

  /**
   * @param signers when not null, each object must carry a valid signature by one of these members
   *     whose identity is its {@code created_by_ref} (the hub's own admission rule, re-checked by the
   *     reader); others are skipped
   */
  public Puller(TaxiiClient client, HubStore local, Path stateFile, Members signers) {
    this.client = client;
    this.local = local;
    this.stateFile = stateFile;
    this.signers = signers;
  }

  private boolean signedByItsCreator(JsonNode o) {
    if (ReferenceObjects.isReserved(o.path("id").asText())) {
      return ReferenceObjects.isKnown(o);
    }
    if (signers == null) {
      return true;
    }
    if (!(o instanceof ObjectNode obj)
        || ObjectSignature.verify(obj, signers::publicKey) != ObjectSignature.Verdict.VALID) {
      return false;
    }
    return ObjectSignature.keyId(obj).flatMap(signers::keyOwner)
        .map(m -> m.identityId().equals(obj.path("created_by_ref").asText(null)))
        .orElse(false);
  }

  /** Counts of one pull. */
  public record Result(int pages, int received, int stored, int skipped, String addedAfter) {}

  public Result pull(String collection, int pageSize) throws IOException, InterruptedException {
    ObjectNode state = readState();
    String addedAfter = state.path(collection).asText(null);
    int pages = 0;
    int received = 0;
    int stored = 0;
    int skipped = 0;
    while (true) {
      TaxiiClient.Page page = client.objects(collection, addedAfter, pageSize, true);
      pages++;
      List<HubStore.NewVersion> versions = new ArrayList<>();
      for (JsonNode o : page.objects()) {
        received++;
        if (!StixValidator.check(o).isEmpty() || !signedByItsCreator(o)) {
          skipped++;
          continue;
        }
        String version = o.has("modified") ? o.get("modified").asText() : o.get("created").asText();
        versions.add(new HubStore.NewVersion(o.get("id").asText(), o.get("type").asText(), "2.1", version,
            TaxiiTime.nanos(Instant.parse(version)), o.path("created_by_ref").asText(null), Jcs.canonicalString(o)));
      }
      for (HubStore.NewVersion v : versions) {
        try {
          if (local.add(collection, "pulled", List.of(v)).get(0) == HubStore.Outcome.ADDED) {
            stored++;
          }
        } catch (HubStore.Refused e) {
          skipped++;
        }
      }
      if (page.dateAddedLast().isPresent()) {
        addedAfter = page.dateAddedLast().get();
        state.put(collection, addedAfter);
        writeState(state);
      }
      if (!page.more() || page.objects().isEmpty()) {
        return new Result(pages, received, stored, skipped, addedAfter);
      }
    }
  }

  private ObjectNode readState() throws IOException {
    if (!Files.exists(stateFile)) {
      return mapper.createObjectNode();
    }
    JsonNode n = mapper.readTree(stateFile.toFile());
    return n instanceof ObjectNode o ? o : mapper.createObjectNode();
  }

  private void writeState(ObjectNode state) throws IOException {
    Path parent = stateFile.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".pull-state", ".tmp");
    mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
    Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
