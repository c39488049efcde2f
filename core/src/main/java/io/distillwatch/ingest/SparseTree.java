package io.distillwatch.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a Jackson tree from a parser, materialising only the keys a reader uses: other values are
 * skipped token by token (still fully tokenised, so syntax errors and the nesting limit still apply,
 * but no strings or nodes are built for them). A response's completion text, for instance, is never
 * copied. Gives the same tree as {@code readTree} for every kept key (numbers: int, long, BigInteger,
 * double as Jackson's defaults; duplicate keys: the last wins).
 */
final class SparseTree {
  /** Which keys of an object to keep: a key mapped to null keeps its whole value. */
  static final class Spec {
    private final Map<String, Spec> keys = new HashMap<>();

    Spec keep(String... names) {
      for (String n : names) {
        keys.put(n, null);
      }
      return this;
    }

    Spec keep(String name, Spec nested) {
      keys.put(name, nested);
      return this;
    }
  }

  /** Keys every format reader uses (canonical, envelopes, OTLP); MAPPED reads whole lines instead. */
  static final Spec EVENT_KEYS =
      new Spec()
          .keep("ts", "account", "request_id", "api_key", "model", "ip", "asn", "asn_org", "country",
              "user_agent", "tls_fp", "payment_fp", "system", "messages", "prompt", "params", "usage",
              "status", "latency_ms", "request", "resourceSpans", "resourceLogs")
          .keep("response", new Spec().keep("usage", "model", "created", "object", "type"));

  private final JsonNodeFactory nodes;

  SparseTree(JsonNodeFactory nodes) {
    this.nodes = nodes;
  }

  /** Reads one value starting at {@code first}; {@code spec} restricts an object's keys (null: all). */
  JsonNode value(JsonParser p, JsonToken first, Spec spec) throws IOException {
    if (first == null) {
      throw new JsonParseException(p, "unexpected end of input");
    }
    switch (first) {
      case START_OBJECT:
        return object(p, spec);
      case START_ARRAY: {
        ArrayNode a = nodes.arrayNode();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(value(p, t, null));
        }
        return a;
      }
      case VALUE_STRING:
        return nodes.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return nodes.numberNode(p.getIntValue());
          case LONG:
            return nodes.numberNode(p.getLongValue());
          default:
            return nodes.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new JsonParseException(p, "unexpected token " + first);
    }
  }

  private ObjectNode object(JsonParser p, Spec spec) throws IOException {
    ObjectNode o = nodes.objectNode();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (spec != null && !spec.keys.containsKey(name)) {
        if (v == null) {
          throw new JsonParseException(p, "unexpected end of input");
        }
        p.skipChildren();
        continue;
      }
      Spec nested = spec == null ? null : spec.keys.get(name);
      o.set(name, value(p, v, nested));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new JsonParseException(p, "unexpected token " + t + " in object");
    }
    return o;
  }
}
