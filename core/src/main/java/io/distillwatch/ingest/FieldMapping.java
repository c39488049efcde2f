package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --map TARGET=SOURCE[,TARGET=SOURCE...]} mapping of the {@code mapped} format (DESIGN §2).
 * TARGET is a canonical field ({@code params.max_tokens}, dotted for nested ones). SOURCE is an input
 * key, tried literally first (flat keys may contain dots), then as a dotted path with {@code [n]} array
 * indices ({@code request.messages[0].content}). Commas separate pairs, so a SOURCE cannot hold one.
 */
public final class FieldMapping {
  /** Canonical fields a mapping may target. */
  public static final Set<String> TARGETS =
      Collections.unmodifiableSet(
          new TreeSet<>(
              List.of(
                  "ts", "request_id", "account", "api_key", "model", "ip", "asn", "asn_org", "country",
                  "user_agent", "tls_fp", "payment_fp", "system", "messages", "prompt", "status",
                  "latency_ms", "params.max_tokens", "params.temperature", "params.top_p", "params.n",
                  "params.logprobs", "params.top_logprobs", "params.reasoning_effort", "params.tools",
                  "params.stream", "params.seed", "params.thinking_budget", "usage.input_tokens",
                  "usage.output_tokens", "usage.reasoning_tokens")));

  private final Map<String, Source> byTarget;

  private FieldMapping(Map<String, Source> byTarget) {
    this.byTarget = byTarget;
  }

  /**
   * Parses {@code --map} values; each may hold several comma-separated pairs.
   *
   * @throws IllegalArgumentException naming the bad spec: no {@code =}, empty side, unknown target,
   *     target mapped twice, malformed path (empty segment, bad {@code [n]})
   */
  public static FieldMapping parse(List<String> specs) {
    Map<String, Source> map = new LinkedHashMap<>();
    if (specs == null || specs.isEmpty()) {
      throw new IllegalArgumentException("--map: no TARGET=SOURCE pair given");
    }
    for (String spec : specs) {
      if (spec == null || spec.isBlank()) {
        throw new IllegalArgumentException("--map: empty spec");
      }
      for (String pair : spec.split(",")) {
        String p = pair.trim();
        int eq = p.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("--map '" + p + "': expected TARGET=SOURCE");
        }
        String target = p.substring(0, eq).trim();
        String source = p.substring(eq + 1).trim();
        if (target.isEmpty() || source.isEmpty()) {
          throw new IllegalArgumentException("--map '" + p + "': TARGET and SOURCE must both be non-empty");
        }
        if (!TARGETS.contains(target)) {
          throw new IllegalArgumentException(
              "--map '" + p + "': unknown canonical field '" + target + "'; known: " + String.join(", ", TARGETS));
        }
        if (map.containsKey(target)) {
          throw new IllegalArgumentException("--map: target '" + target + "' mapped twice");
        }
        map.put(target, Source.parse(source, p));
      }
    }
    return new FieldMapping(map);
  }

  /** The mapped targets, in the order given. */
  public Set<String> targets() {
    return Collections.unmodifiableSet(byTarget.keySet());
  }

  /** The source spec of a target as given, or null when the target is not mapped. */
  public String source(String target) {
    Source s = byTarget.get(target);
    return s == null ? null : s.raw;
  }

  Map<String, Source> entries() {
    return byTarget;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Source> e : byTarget.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(e.getKey()).append('=').append(e.getValue().raw);
    }
    return sb.toString();
  }

  /** A parsed SOURCE: the literal key and its path steps (a String key or an Integer index). */
  static final class Source {
    final String raw;
    final List<Object> steps;

    private Source(String raw, List<Object> steps) {
      this.raw = raw;
      this.steps = steps;
    }

    /** The value at this source in {@code root}, or null when absent. Literal key first, then path. */
    JsonNode resolve(JsonNode root) {
      JsonNode literal = root.get(raw);
      if (literal != null) {
        return literal;
      }
      if (steps == null) {
        return null;
      }
      JsonNode cur = root;
      for (Object step : steps) {
        if (step instanceof Integer) {
          if (!cur.isArray()) {
            return null;
          }
          cur = cur.get((Integer) step);
        } else {
          if (!cur.isObject()) {
            return null;
          }
          cur = cur.get((String) step);
        }
        if (cur == null) {
          return null;
        }
      }
      return cur;
    }

    static Source parse(String raw, String spec) {
      List<Object> steps = new ArrayList<>();
      int i = 0;
      int n = raw.length();
      boolean expectName = true;
      while (i < n) {
        char c = raw.charAt(i);
        if (c == '[') {
          int close = raw.indexOf(']', i);
          if (close < 0) {
            throw bad(spec, "unclosed '['");
          }
          String digits = raw.substring(i + 1, close);
          if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') || digits.length() > 9) {
            throw bad(spec, "array index must be [n] with n a non-negative integer");
          }
          if (steps.isEmpty()) {
            throw bad(spec, "path must start with a key");
          }
          steps.add(Integer.parseInt(digits));
          i = close + 1;
          expectName = false;
        } else if (c == '.') {
          if (expectName) {
            throw bad(spec, "empty path segment");
          }
          expectName = true;
          i++;
        } else if (c == ']') {
          throw bad(spec, "unexpected ']'");
        } else {
          if (!expectName) {
            throw bad(spec, "expected '.' or '[' after ']'");
          }
          int j = i;
          while (j < n && raw.charAt(j) != '.' && raw.charAt(j) != '[' && raw.charAt(j) != ']') {
            j++;
          }
          steps.add(raw.substring(i, j));
          i = j;
          expectName = false;
        }
      }
      if (expectName) {
        throw bad(spec, "empty path segment");
      }
      return new Source(raw, steps);
    }

    private static IllegalArgumentException bad(String spec, String why) {
      return new IllegalArgumentException("--map '" + spec + "': bad SOURCE path: " + why);
    }
  }
}
