package io.distillwatch.eval.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The prompt pools of {@code corpus/} (DESIGN §7), read in file order and filtered by a {@link
 * SourceSplit}. Record order is the files' order, so a fixed seed gives a fixed simulation.
 */
public final class PromptPools {
  /** The pool files read, in this order. */
  public static final List<String> FILES =
      List.of("attack.jsonl.gz", "benign.jsonl.gz", "hard_negative.jsonl.gz", "harness_requests.jsonl.gz");

  private final List<PromptRecord> all;
  private final SourceSplit split;

  private PromptPools(List<PromptRecord> all, SourceSplit split) {
    this.all = all;
    this.split = split;
  }

  /** Reads the pools under {@code dataDir/corpus} (or {@code dataDir} itself if it holds the files). */
  public static PromptPools load(Path dataDir, SourceSplit split) throws IOException {
    Path corpus = Files.isDirectory(dataDir.resolve("corpus")) ? dataDir.resolve("corpus") : dataDir;
    ObjectMapper mapper = new ObjectMapper();
    List<PromptRecord> records = new ArrayList<>();
    for (String name : FILES) {
      Path file = corpus.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new IOException("prompt pool missing: " + file);
      }
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
          n++;
          if (line.isBlank()) {
            continue;
          }
          JsonNode r = mapper.readTree(line);
          if (!r.hasNonNull("text") || !r.hasNonNull("source") || !r.hasNonNull("cls")) {
            throw new IOException(file + ":" + n + ": record without cls/source/text");
          }
          records.add(
              new PromptRecord(
                  r.get("cls").asText(),
                  r.get("source").asText(),
                  r.path("id").asText(file.getFileName() + ":" + n),
                  r.get("text").asText(),
                  r.hasNonNull("conv_id") ? r.get("conv_id").asText() : null,
                  r.hasNonNull("turn") ? r.get("turn").asInt() : -1));
        }
      }
    }
    return new PromptPools(Collections.unmodifiableList(records), split);
  }

  /** Pools built from records in memory (tests). */
  public static PromptPools of(List<PromptRecord> records, SourceSplit split) {
    return new PromptPools(List.copyOf(records), split);
  }

  public SourceSplit split() {
    return split;
  }

  /** Every record in the files, whatever the split. */
  public List<PromptRecord> allRecords() {
    return all;
  }

  /** Records of one class on this side of the split. */
  public List<PromptRecord> ofClass(String cls) {
    return all.stream().filter(r -> r.cls().equals(cls) && split.includes(r.source())).toList();
  }

  /** Records of these classes on this side of the split, grouped by source family, families sorted. */
  public Map<String, List<PromptRecord>> byFamily(String... classes) {
    Map<String, List<PromptRecord>> out = new TreeMap<>();
    for (PromptRecord r : all) {
      if (split.includes(r.source()) && List.of(classes).contains(r.cls())) {
        out.computeIfAbsent(r.sourceFamily(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  /**
   * Benign records as conversations: records sharing a {@code conv_id} in turn order, every other record
   * a conversation of one turn. Order: first appearance in the files.
   */
  public List<List<PromptRecord>> benignConversations() {
    Map<String, List<PromptRecord>> convs = new LinkedHashMap<>();
    int single = 0;
    for (PromptRecord r : ofClass("benign")) {
      String key = r.convId() != null ? "c:" + r.source() + ":" + r.convId() : "s:" + (single++);
      convs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<List<PromptRecord>> out = new ArrayList<>();
    for (List<PromptRecord> c : convs.values()) {
      c.sort(Comparator.comparingInt(PromptRecord::turn));
      out.add(List.copyOf(c));
    }
    return out;
  }

  /**
   * Benign chat sessions of people: recorded conversations as in {@link #benignConversations()}, and
   * consecutive records of one source without a conversation id (class {@code benign}, and {@code
   * benign_power_user} one record each) chained into sessions whose lengths cycle through {@code turns}:
   * one person asking several things in one chat, replayed in order. Order: first appearance.
   */
  public List<List<PromptRecord>> benignSessions(int[] turns) {
    List<List<PromptRecord>> out = new ArrayList<>();
    Map<String, List<PromptRecord>> convs = new LinkedHashMap<>();
    Map<String, List<PromptRecord>> open = new LinkedHashMap<>();
    int[] cycle = {0};
    for (PromptRecord r : ofClass("benign")) {
      if (r.convId() != null) {
        convs.computeIfAbsent("c:" + r.source() + ":" + r.convId(), k -> new ArrayList<>()).add(r);
        continue;
      }
      List<PromptRecord> cur = open.computeIfAbsent(r.sourceFamily(), k -> new ArrayList<>());
      cur.add(r);
      if (cur.size() >= turns[cycle[0] % turns.length]) {
        out.add(List.copyOf(cur));
        cur.clear();
        cycle[0]++;
      }
    }
    open.values().stream().filter(c -> !c.isEmpty()).forEach(c -> out.add(List.copyOf(c)));
    for (List<PromptRecord> c : convs.values()) {
      c.sort(Comparator.comparingInt(PromptRecord::turn));
      out.add(List.copyOf(c));
    }
    for (PromptRecord r : ofClass("benign_power_user")) {
      out.add(List.of(r));
    }
    return out;
  }
}
