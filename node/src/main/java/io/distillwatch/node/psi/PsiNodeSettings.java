package io.distillwatch.node.psi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.psi.PsiMode;
import io.distillwatch.sharing.psi.PsiPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The node's PSI settings, a JSON file named by the node setting {@code psi.config}
 * (docs/deployment.md): {@code set} (set file), {@code key} (node key file from keygen), {@code
 * members} (peers' public keys), {@code results} (evidence JSONL, default {@code
 * <data.dir>/psi-matches.jsonl}), {@code modes}, {@code min_set_size}, {@code max_set_size}, {@code
 * sessions_per_hour}, {@code items_per_day}, {@code chunk_size} (≤ 30,000: a chunk must fit the HTTP
 * server's 1 MB request limit), {@code threads}. Relative paths are relative to the file.
 */
public record PsiNodeSettings(Path set, String defaultKind, Path key, Path members, Path results, PsiPolicy policy,
    int threads) {

  private static final Set<String> KNOWN = Set.of("set", "kind", "key", "members", "results", "modes", "min_set_size",
      "max_set_size", "sessions_per_hour", "items_per_day", "chunk_size", "threads");

  public static PsiNodeSettings read(Path file, Path dataDir) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!KNOWN.contains(f)) {
        throw new IllegalArgumentException(file + ": unknown PSI setting '" + f + "'");
      }
    }
    Path base = file.toAbsolutePath().getParent();
    PsiPolicy d = PsiPolicy.DEFAULTS;
    Set<PsiMode> modes = EnumSet.noneOf(PsiMode.class);
    if (n.has("modes")) {
      n.get("modes").forEach(m -> modes.add(PsiMode.parse(m.asText())));
    } else {
      modes.addAll(d.modes());
    }
    int chunk = integer(n, "chunk_size", 16_384);
    if (chunk > 30_000) {
      throw new IllegalArgumentException(file + ": chunk_size must be at most 30000");
    }
    PsiPolicy policy = new PsiPolicy(integer(n, "min_set_size", d.minSetSize()), integer(n, "max_set_size", d.maxSetSize()),
        chunk, modes, integer(n, "sessions_per_hour", d.sessionsPerHour()),
        n.path("items_per_day").asLong(d.itemsPerDay()), d.sessionTtl(), d.maxOpenSessions());
    return new PsiNodeSettings(path(n, "set", base, null), n.path("kind").asText(null), path(n, "key", base, null),
        path(n, "members", base, null), path(n, "results", base, dataDir.resolve("psi-matches.jsonl")), policy,
        integer(n, "threads", Math.max(1, Runtime.getRuntime().availableProcessors())));
  }

  private static int integer(JsonNode n, String field, int dflt) {
    JsonNode v = n.get(field);
    if (v == null) {
      return dflt;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("PSI setting " + field + " must be an integer");
    }
    return v.intValue();
  }

  private static Path path(JsonNode n, String field, Path base, Path dflt) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      if (dflt == null) {
        throw new IllegalArgumentException("PSI setting " + field + " is required");
      }
      return dflt;
    }
    return base.resolve(v.textValue());
  }
}
