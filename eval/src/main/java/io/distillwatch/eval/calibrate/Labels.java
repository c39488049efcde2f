package io.distillwatch.eval.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.eval.metrics.Truth;
import io.distillwatch.eval.metrics.Times;
import io.distillwatch.eval.sim.TruthLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled accounts for calibration: a simulation's {@code truth.json}, or analysts' decisions in {@code
 * labels.jsonl} (DESIGN §7: {@code account}, {@code label}, {@code decided_at}, {@code by}, {@code reason}).
 * A decisions file may repeat an account; its latest decision counts. Without a {@code population} field
 * every benign account is in one population, {@value #ALL_BENIGN}; without a {@code campaign} field every
 * distillation account is in one campaign, {@value #ALL_DISTILLATION}.
 */
public final class Labels {
  public static final String ALL_BENIGN = "benign";
  public static final String ALL_DISTILLATION = "distillation";

  private Labels() {}

  /** {@code truth.json} (a JSON object with {@code accounts}) or {@code labels.jsonl}, by content. */
  public static Map<String, TruthLabel> load(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return decisions(file);
    }
    return Truth.load(file).accounts();
  }

  static Map<String, TruthLabel> decisions(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, TruthLabel> out = new TreeMap<>();
    Map<String, Long> decidedAt = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode r;
        try {
          r = mapper.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IOException(file + ":" + n + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
        String account = r.path("account").asText("");
        String label = r.path("label").asText("");
        if (account.isEmpty()) {
          throw new IOException(file + ":" + n + ": no \"account\"");
        }
        if (!label.equals(TruthLabel.BENIGN) && !label.equals(TruthLabel.DISTILLATION)) {
          throw new IOException(file + ":" + n + ": label must be \"distillation\" or \"benign\", got '" + label + "'");
        }
        Long at;
        try {
          at = Times.parse(r.get("decided_at"));
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + n + ": invalid decided_at: " + r.get("decided_at"), e);
        }
        long t = at == null ? Long.MIN_VALUE : at;
        if (decidedAt.containsKey(account) && decidedAt.get(account) > t) {
          continue; // an earlier decision than the one already read
        }
        decidedAt.put(account, t);
        boolean bad = label.equals(TruthLabel.DISTILLATION);
        String population = r.hasNonNull("population") ? r.get("population").asText() : bad ? ALL_DISTILLATION : ALL_BENIGN;
        String campaign = bad ? (r.hasNonNull("campaign") ? r.get("campaign").asText() : ALL_DISTILLATION) : null;
        out.put(account, new TruthLabel(label, population, campaign));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(file + ": no labels");
    }
    return out;
  }
}
