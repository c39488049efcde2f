package io.distillwatch.node.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.detect.PromptSignals;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.ingest.EventParser;
import io.distillwatch.ingest.InputFormat;
import io.distillwatch.ingest.ParseResult;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Loads a {@code scan} output directory (DESIGN §4) into a node store so the console can show it
 * ({@code demo --serve}): each flagged account and cluster as one verdict change from benign, with its
 * signals as evidence; cluster members, links and template fingerprint; screening objects; and, from
 * the scanned events, hourly activity and example prompts exactly as the node keeps them
 * ({@link PromptSignals}, {@link ExamplePrompts}).
 */
public final class ScanImport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScanImport() {}

  /** What was loaded. */
  public record Loaded(int alerts, int clusters, int accountsWithActivity) {}

  public static Loaded load(Path scanDir, List<Path> eventFiles, NodeStore history, ConsoleStore console, ActivitySettings settings)
      throws IOException {
    List<VerdictChange> changes = new ArrayList<>();
    int clusters = 0;
    for (JsonNode c : lines(scanDir.resolve("clusters.jsonl"))) {
      String id = c.path("cluster").asText();
      List<String> members = new ArrayList<>();
      c.path("accounts").forEach(a -> members.add(a.asText()));
      console.addMembers(id, members);
      console.putClusterDetails(id, c.path("links").toString(), c.path("template_fingerprint").isNull() ? null : c.path("template_fingerprint").asText());
      change(changes, "cluster", c);
      clusters++;
    }
    for (JsonNode a : lines(scanDir.resolve("accounts.jsonl"))) {
      change(changes, "account", a);
      JsonNode s = a.path("screening");
      if (s.isObject()) {
        console.putScreening(a.path("account").asText(), s.path("outcome").asText(), s.toString());
      }
    }
    history.recordAll(changes, NodeStore.Kind.CHANGES);
    int withActivity = 0;
    for (Path f : eventFiles) {
      withActivity += activity(f, console, settings);
    }
    return new Loaded(changes.size(), clusters, withActivity);
  }

  private static void change(List<VerdictChange> out, String kind, JsonNode r) {
    String verdict = r.path("verdict").asText("benign");
    if (verdict.equals("benign")) {
      return;
    }
    long at = r.path("first_flagged_at").isTextual() ? java.time.Instant.parse(r.path("first_flagged_at").asText()).toEpochMilli() : System.currentTimeMillis();
    String id = r.path(kind).asText();
    out.add(new VerdictChange(kind, id, "benign", verdict, r.path("score").asDouble(), at, r.path("signals").toString(), 1));
  }

  private static int activity(Path events, ConsoleStore console, ActivitySettings settings) throws IOException {
    EventParser parser = new EventParser(InputFormat.AUTO, null);
    PromptSignals signals = new PromptSignals();
    ExamplePrompts prepare = new ExamplePrompts(settings.redact());
    Map<String, Map<Long, long[]>> hours = new HashMap<>();
    Map<String, Map<Long, Set<String>>> models = new HashMap<>();
    Map<String, Integer> slots = new HashMap<>();
    List<ConsoleStore.Example> examples = new ArrayList<>();
    try (BufferedReader r = reader(events)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        ParseResult p = parser.parse(line, events.getFileName().toString(), ++n);
        for (UsageEvent e : p.events()) {
          long hour = Math.floorDiv(e.ts, ActivityFunction.HOUR_MS) * ActivityFunction.HOUR_MS;
          long[] c = hours.computeIfAbsent(e.account, k -> new HashMap<>()).computeIfAbsent(hour, k -> new long[3]);
          c[0]++;
          c[1] += e.inputTokens == null ? 0 : e.inputTokens;
          c[2] += e.outputTokens == null ? 0 : e.outputTokens;
          if (e.model != null) {
            models.computeIfAbsent(e.account, k -> new HashMap<>()).computeIfAbsent(hour, k -> new LinkedHashSet<>()).add(e.model);
          }
          if (settings.examples() && e.userText != null && !e.userText.isBlank()) {
            for (String s : signals.of(e)) {
              int slot = slots.merge(e.account + "\n" + s, 1, Integer::sum) - 1;
              if (slot < ExamplePrompts.PER_SIGNAL) {
                examples.add(new ConsoleStore.Example(e.account, s, slot, prepare.prepare(e.userText), e.ts));
              }
            }
          }
        }
      }
    }
    List<ConsoleStore.Activity> rows = new ArrayList<>();
    hours.forEach((account, byHour) -> byHour.forEach((hour, c) -> {
      Set<String> m = models.getOrDefault(account, Map.of()).getOrDefault(hour, Set.of());
      rows.add(new ConsoleStore.Activity(account, hour, c[0], c[1], c[2], m.size(), String.join(", ", m)));
    }));
    console.putActivity(rows);
    console.putExamples(examples);
    return hours.size();
  }

  private static BufferedReader reader(Path f) throws IOException {
    InputStream in = Files.newInputStream(f);
    if (f.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static List<JsonNode> lines(Path f) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(f)) {
      return out;
    }
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
