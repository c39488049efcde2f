package io.distillwatch.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiTime;
import io.distillwatch.sharing.jcs.Jcs;
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
 * fail the structural check are skipped and counted, never stored.
 */
public final class Puller {

  private final TaxiiClient client;
  private final HubStore local;
  private final Path stateFile;
  private final ObjectMapper mapper = new ObjectMapper();

  public Puller(TaxiiClient client, HubStore local, Path stateFile) {
    this.client = client;
    this.local = local;
    this.stateFile = stateFile;
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
        if (!StixValidator.check(o).isEmpty()) {
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
