package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a scan output directory (DESIGN §4: accounts.jsonl, clusters.jsonl, summary.json) as a {@link Detection}. */
public final class ScanOutputReader {
  private ScanOutputReader() {}

  public static Detection read(String label, Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path accountsFile = dir.resolve("accounts.jsonl");
    if (!Files.isRegularFile(accountsFile)) {
      throw new IOException("no accounts.jsonl in scan output " + dir);
    }
    Map<String, Detection.AccountVerdict> accounts = new LinkedHashMap<>();
    JsonLines.forEach(mapper, accountsFile, a -> {
      String id = a.path("account").asText(null);
      if (id != null) {
        accounts.put(
            id,
            new Detection.AccountVerdict(
                a.path("verdict").asText("benign"),
                Times.parse(a.get("first_flagged_at")),
                a.hasNonNull("cluster") ? a.get("cluster").asText() : null));
      }
    });
    List<Detection.Cluster> clusters = new ArrayList<>();
    Path clustersFile = dir.resolve("clusters.jsonl");
    if (Files.isRegularFile(clustersFile)) {
      JsonLines.forEach(mapper, clustersFile, c -> {
        List<String> members = new ArrayList<>();
        c.path("accounts").forEach(m -> members.add(m.asText()));
        clusters.add(new Detection.Cluster(c.path("cluster").asText(), members, c.path("verdict").asText("benign")));
      });
    }
    Double eps = null;
    Path summary = dir.resolve("summary.json");
    if (Files.isRegularFile(summary)) {
      JsonNode s = mapper.readTree(summary.toFile());
      if (s != null && s.hasNonNull("events_per_second")) {
        eps = s.get("events_per_second").asDouble();
      }
    }
    return new Detection(label, accounts, clusters, eps, null);
  }
}
