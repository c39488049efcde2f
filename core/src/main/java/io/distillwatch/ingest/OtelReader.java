package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.UsageEvent;

/**
 * OpenTelemetry GenAI records in OTLP JSON: {@code resourceSpans[].scopeSpans[].spans[]} and
 * {@code resourceLogs[].scopeLogs[].logRecords[]}. Each span or log record with at least one
 * {@code gen_ai.*} attribute is one usage record; others are counted as ignored. Attributes are OTLP
 * key/value lists; resource attributes apply to every record beneath them, record attributes win.
 */
final class OtelReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  interface Sink {
    void accept(UsageEvent e, FieldErrors errors);

    void reject(RejectReason reason, String detail);

    void ignore();
  }

  private final ObjectMapper mapper;

  OtelReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  static boolean isOtlp(JsonNode root) {
    return root.has("resourceSpans") || root.has("resourceLogs");
  }

  void read(JsonNode root, Sink sink) {
    walk(root, "resourceSpans", "scopeSpans", "spans", true, sink);
    walk(root, "resourceLogs", "scopeLogs", "logRecords", false, sink);
  }

  private void walk(JsonNode root, String rKey, String sKey, String recKey, boolean spans, Sink sink) {
    JsonNode resources = root.get(rKey);
    if (resources == null) {
      return;
    }
    if (!resources.isArray()) {
      sink.reject(RejectReason.INVALID_FIELD, rKey + " must be an array");
      return;
    }
    for (int r = 0; r < resources.size(); r++) {
      JsonNode res = resources.get(r);
      ObjectNode resAttrs = attributes(res.path("resource").get("attributes"));
      JsonNode scopes = res.get(sKey);
      if (scopes == null || !scopes.isArray()) {
        continue;
      }
      for (int s = 0; s < scopes.size(); s++) {
        JsonNode records = scopes.get(s).get(recKey);
        if (records == null || !records.isArray()) {
          continue;
        }
        for (int k = 0; k < records.size(); k++) {
          String where = rKey + "[" + r + "]." + sKey + "[" + s + "]." + recKey + "[" + k + "]";
          readRecord(records.get(k), resAttrs, spans, where, sink);
        }
      }
    }
  }

  private void readRecord(JsonNode rec, ObjectNode resAttrs, boolean span, String where, Sink sink) {
    if (!rec.isObject()) {
      sink.reject(RejectReason.NOT_AN_OBJECT, where + " is not an object");
      return;
    }
    ObjectNode a = NODES.objectNode();
    a.setAll(resAttrs); // shallow: attribute values are never modified
    if (!span) {
      JsonNode body = rec.get("body");
      if (body != null && body.has("kvlistValue")) {
        a.setAll(attributes(body.get("kvlistValue").get("values")));
      }
    }
    a.setAll(attributes(rec.get("attributes")));
    boolean genAi = false;
    var names = a.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith("gen_ai.")) {
        genAi = true;
        break;
      }
    }
    if (!genAi) {
      sink.ignore();
      return;
    }
    FieldErrors errors = new FieldErrors();
    try {
      sink.accept(toEvent(rec, a, span, errors), errors);
    } catch (Reject r) {
      sink.reject(r.reason, where + ": " + r.getMessage());
    }
  }

  private UsageEvent toEvent(JsonNode rec, ObjectNode a, boolean span, FieldErrors errors) {
    Values val = new Values(errors);
    UsageEvent e = new UsageEvent();
    String tsKey = span ? "startTimeUnixNano" : "timeUnixNano";
    Long startNanos = nanos(rec.get(tsKey));
    if (startNanos == null && !span) {
      tsKey = "observedTimeUnixNano";
      startNanos = nanos(rec.get(tsKey));
    }
    if (startNanos == null) {
      if (Values.absent(rec.get(tsKey))) {
        throw new Reject(RejectReason.MISSING_FIELD, "missing " + tsKey);
      }
      throw new Reject(RejectReason.INVALID_TIMESTAMP, tsKey + " is not a number of nanoseconds");
    }
    long ms = Math.floorDiv(startNanos, 1_000_000L);
    if (!Timestamps.inRange(ms)) {
      throw new Reject(RejectReason.INVALID_TIMESTAMP, tsKey + " outside [2000-01-01, 2100-01-01)");
    }
    e.ts = ms;
    JsonNode account = CanonicalReader.firstPresent(a, "enduser.id", "user.id");
    if (account == null) {
      throw new Reject(RejectReason.MISSING_FIELD, "missing account: no enduser.id or user.id attribute");
    }
    e.account = Values.requiredAccount(account, "enduser.id");

    Conversation c = new Conversation(errors);
    c.readSystem(jsonAttr(a.get("gen_ai.system_instructions")), "gen_ai.system_instructions");
    JsonNode messages = jsonAttr(a.get("gen_ai.input.messages"));
    String mField = "gen_ai.input.messages";
    JsonNode prompt = null;
    if (messages == null) {
      JsonNode legacy = a.get("gen_ai.prompt");
      mField = "gen_ai.prompt";
      JsonNode parsed = jsonAttr(legacy);
      if (parsed != null && (parsed.isArray() || parsed.isObject())) {
        messages = parsed.isObject() ? NODES.arrayNode().add(parsed) : parsed;
      } else {
        prompt = legacy;
      }
    }
    if (messages == null && prompt == null) {
      messages = indexedPrompt(a);
    }
    CanonicalReader.readPrompt(c, messages, prompt, mField, "gen_ai.prompt");
    c.applyTo(e);

    Long end = span ? nanos(rec.get("endTimeUnixNano")) : null;
    if (end != null && end >= startNanos) {
      e.latencyMs = (end - startNanos) / 1_000_000L;
    }
    e.model = val.string(a.get("gen_ai.request.model"), "gen_ai.request.model");
    if (e.model == null) {
      e.model = val.string(a.get("gen_ai.response.model"), "gen_ai.response.model");
    }
    e.inputTokens = val.count(numeric(CanonicalReader.firstPresent(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens")), "gen_ai.usage.input_tokens");
    e.outputTokens = val.count(numeric(CanonicalReader.firstPresent(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens")), "gen_ai.usage.output_tokens");
    e.reasoningTokens = val.count(numeric(a.get("gen_ai.usage.reasoning_tokens")), "gen_ai.usage.reasoning_tokens");
    e.maxTokens = val.countInt(numeric(a.get("gen_ai.request.max_tokens")), "gen_ai.request.max_tokens");
    e.temperature = val.nonNegative(numeric(a.get("gen_ai.request.temperature")), "gen_ai.request.temperature");
    e.topP = val.nonNegative(numeric(a.get("gen_ai.request.top_p")), "gen_ai.request.top_p");
    e.seed = val.integral(numeric(a.get("gen_ai.request.seed")), "gen_ai.request.seed");
    e.n = val.countInt(numeric(a.get("gen_ai.request.choice.count")), "gen_ai.request.choice.count");
    e.reasoningEffort = val.string(CanonicalReader.firstPresent(a, "gen_ai.request.reasoning_effort", "gen_ai.openai.request.reasoning_effort"), "gen_ai.request.reasoning_effort");
    e.stream = val.bool(a.get("gen_ai.request.stream"), "gen_ai.request.stream");
    JsonNode tools = jsonAttr(a.get("gen_ai.tool.definitions"));
    e.tools = val.tools(tools, "gen_ai.tool.definitions");
    JsonNode responseId = a.get("gen_ai.response.id");
    if (responseId != null && responseId.isTextual() && !responseId.textValue().isBlank()) {
      e.requestId = responseId.textValue();
    } else if (rec.path("spanId").isTextual() && !rec.get("spanId").textValue().isEmpty()) {
      e.requestId = "otel:" + rec.path("traceId").asText("") + ":" + rec.get("spanId").textValue();
    }
    e.ip = val.ip(a.get("client.address"), "client.address");
    e.userAgent = val.string(a.get("user_agent.original"), "user_agent.original");
    e.status = val.status(numeric(a.get("http.response.status_code")), "http.response.status_code");
    return e;
  }

  /** OpenLLMetry-style {@code gen_ai.prompt.N.role} / {@code gen_ai.prompt.N.content} attributes. */
  private static JsonNode indexedPrompt(ObjectNode a) {
    ArrayNode out = null;
    for (int i = 0; i < 1000; i++) {
      JsonNode role = a.get("gen_ai.prompt." + i + ".role");
      JsonNode content = a.get("gen_ai.prompt." + i + ".content");
      if (role == null && content == null) {
        break;
      }
      if (out == null) {
        out = NODES.arrayNode();
      }
      ObjectNode m = out.addObject();
      m.set("role", role);
      m.set("content", content);
    }
    return out;
  }

  /** A string attribute holding JSON (as the GenAI conventions record messages) becomes its value. */
  private JsonNode jsonAttr(JsonNode v) {
    if (v == null || !v.isTextual()) {
      return v;
    }
    String s = v.textValue().trim();
    if (s.isEmpty() || (s.charAt(0) != '[' && s.charAt(0) != '{')) {
      return v;
    }
    try {
      return mapper.readTree(s);
    } catch (Exception e) {
      return v;
    }
  }

  /** OTLP encodes 64-bit integers as strings: {@code "123"} becomes a number node. */
  private static JsonNode numeric(JsonNode v) {
    if (v != null && v.isTextual()) {
      try {
        return NODES.numberNode(Long.parseLong(v.textValue().trim()));
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }

  private static Long nanos(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      try {
        long l = Long.parseLong(v.textValue().trim());
        return l > 0 ? l : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() > 0) {
      return v.longValue();
    }
    return null;
  }

  /** An OTLP key/value list as an object of plain JSON values. */
  static ObjectNode attributes(JsonNode list) {
    ObjectNode out = NODES.objectNode();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode kv : list) {
      JsonNode key = kv.get("key");
      if (key != null && key.isTextual()) {
        out.set(key.textValue(), anyValue(kv.get("value")));
      }
    }
    return out;
  }

  /** An OTLP AnyValue as a plain JSON value. */
  static JsonNode anyValue(JsonNode v) {
    if (v == null || !v.isObject()) {
      return NODES.nullNode();
    }
    JsonNode x;
    if ((x = v.get("stringValue")) != null) {
      return x;
    }
    if ((x = v.get("intValue")) != null) {
      return numeric(x);
    }
    if ((x = v.get("doubleValue")) != null) {
      return x;
    }
    if ((x = v.get("boolValue")) != null) {
      return x;
    }
    if ((x = v.get("arrayValue")) != null) {
      ArrayNode arr = NODES.arrayNode();
      JsonNode values = x.get("values");
      if (values != null && values.isArray()) {
        for (JsonNode item : values) {
          arr.add(anyValue(item));
        }
      }
      return arr;
    }
    if ((x = v.get("kvlistValue")) != null) {
      return attributes(x.get("values"));
    }
    if ((x = v.get("bytesValue")) != null) {
      return x;
    }
    return NODES.nullNode();
  }
}
