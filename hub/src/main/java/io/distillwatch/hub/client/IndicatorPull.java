package io.distillwatch.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Pulls a collection into a directory of JSON Lines ({@code pulled-COLLECTION.jsonl}, one STIX object
 * per line, every version), resuming from {@code pulled-COLLECTION.state} (the last
 * {@code X-TAXII-Date-Added-Last}). This is the directory {@code scan --indicators} and the node's
 * cross-referencing read. Objects are appended before the state advances, so an interrupted pull
 * repeats a page at worst (readers keep the latest version of each id).
 */
public final class IndicatorPull {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndicatorPull() {}

  /** Objects received. */
  public static int pull(TaxiiClient client, String collection, Path dir, int pageSize)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path data = dir.resolve("pulled-" + collection + ".jsonl");
    Path state = dir.resolve("pulled-" + collection + ".state");
    String after = Files.exists(state) ? Files.readString(state, StandardCharsets.UTF_8).strip() : null;
    if (after != null && after.isEmpty()) {
      after = null;
    }
    int received = 0;
    while (true) {
      TaxiiClient.Page page = client.objects(collection, after, pageSize, true);
      if (!page.objects().isEmpty()) {
        try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
          for (JsonNode o : page.objects()) {
            w.write(JSON.writeValueAsString(o));
            w.write('\n');
          }
        }
        received += page.objects().size();
      }
      if (page.dateAddedLast().isEmpty() || page.objects().isEmpty()) {
        return received;
      }
      after = page.dateAddedLast().get();
      Path tmp = Files.createTempFile(dir, ".state", ".tmp");
      Files.writeString(tmp, after, StandardCharsets.UTF_8);
      Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (!page.more()) {
        return received;
      }
    }
  }
}
