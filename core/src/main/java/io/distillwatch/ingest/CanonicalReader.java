package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.UsageEvent;

/** Reads the canonical usage event (DESIGN §2); also supplies the parts the adapters share. */
final class CanonicalReader {
  private CanonicalReader() {}

  static UsageEvent read(JsonNode root, FieldErrors errors) {
    Values val = new Values(errors);
    UsageEvent e = new UsageEvent();
    e.ts = Values.requiredTs(root.get("ts"), "ts");
    e.account = Values.requiredAccount(root.get("account"), "account");
    Conversation c = new Conversation(errors);
    c.readSystem(root.get("system"), "system");
    readPrompt(c, root.get("messages"), root.get("prompt"), "messages", "prompt");
    c.applyTo(e);
    readMetadata(root, e, val);
    JsonNode params = root.get("params");
    if (params != null && params.isObject()) {
      readParams(params, e, val, "params.");
    } else if (!Values.absent(params)) {
      errors.add("params");
    }
    JsonNode usage = root.get("usage");
    if (usage != null && usage.isObject()) {
      readUsage(usage, e, val, "usage.");
    } else if (!Values.absent(usage)) {
      errors.add("usage");
    }
    return e;
  }

  /**
   * The required prompt: {@code messages} with a user entry, else a non-empty {@code prompt} string.
   * Rejects with {@code missing_field} when neither is there and {@code invalid_field} when the one
   * given has the wrong type.
   */
  static void readPrompt(Conversation c, JsonNode messages, JsonNode prompt, String mField, String pField) {
    boolean messagesBad = false;
    if (!Values.absent(messages)) {
      messagesBad = !c.readMessages(messages, mField);
      if (c.hasUser()) {
        return;
      }
    }
    if (!Values.absent(prompt)) {
      if (!prompt.isTextual()) {
        throw new Reject(RejectReason.INVALID_FIELD, pField + " must be a string, got " + Values.kind(prompt));
      }
      if (prompt.textValue().isEmpty()) {
        throw new Reject(RejectReason.MISSING_FIELD, pField + " is empty");
      }
      c.usePrompt(prompt.textValue());
      return;
    }
    if (messagesBad) {
      throw new Reject(RejectReason.INVALID_FIELD, mField + " must be an array, got " + Values.kind(messages));
    }
    if (Values.absent(messages)) {
      throw new Reject(RejectReason.MISSING_FIELD, "missing prompt: no " + mField + " and no " + pField);
    }
    throw new Reject(RejectReason.MISSING_FIELD, "missing prompt: no user message in " + mField);
  }

  /** Top-level metadata shared by the canonical format and the envelopes. */
  static void readMetadata(JsonNode root, UsageEvent e, Values val) {
    e.requestId = val.idString(root.get("request_id"), "request_id");
    e.apiKey = val.idString(root.get("api_key"), "api_key");
    e.model = val.string(root.get("model"), "model");
    e.ip = val.ip(root.get("ip"), "ip");
    e.asn = val.asn(root.get("asn"), "asn");
    e.asnOrg = val.string(root.get("asn_org"), "asn_org");
    e.country = val.string(root.get("country"), "country");
    e.userAgent = val.string(root.get("user_agent"), "user_agent");
    e.tlsFp = val.string(root.get("tls_fp"), "tls_fp");
    e.paymentFp = val.idString(root.get("payment_fp"), "payment_fp");
    e.status = val.status(root.get("status"), "status");
    Double latency = val.nonNegative(root.get("latency_ms"), "latency_ms");
    e.latencyMs = latency == null ? null : Math.round(latency);
  }

  /** Canonical {@code params}: also accepts the API names max_completion_tokens / max_output_tokens. */
  static void readParams(JsonNode p, UsageEvent e, Values val, String prefix) {
    JsonNode max = firstPresent(p, "max_tokens", "max_completion_tokens", "max_output_tokens");
    e.maxTokens = val.countInt(max, prefix + "max_tokens");
    e.temperature = val.nonNegative(p.get("temperature"), prefix + "temperature");
    e.topP = val.nonNegative(p.get("top_p"), prefix + "top_p");
    e.n = val.countInt(p.get("n"), prefix + "n");
    readLogprobs(p, e, val, prefix);
    e.reasoningEffort = val.string(p.get("reasoning_effort"), prefix + "reasoning_effort");
    e.tools = val.tools(p.get("tools"), prefix + "tools");
    e.stream = val.bool(p.get("stream"), prefix + "stream");
    e.seed = val.integral(p.get("seed"), prefix + "seed");
    e.thinkingBudget = val.countInt(p.get("thinking_budget"), prefix + "thinking_budget");
  }

  /** {@code logprobs} is a boolean (Chat Completions) or, in legacy completions, the top-k count. */
  static void readLogprobs(JsonNode p, UsageEvent e, Values val, String prefix) {
    JsonNode lp = p.get("logprobs");
    if (lp != null && lp.isIntegralNumber() && lp.canConvertToInt() && lp.intValue() >= 0) {
      e.logprobs = lp.intValue() > 0;
      if (!p.hasNonNull("top_logprobs")) {
        e.topLogprobs = lp.intValue();
      }
    } else {
      e.logprobs = val.bool(lp, prefix + "logprobs");
    }
    if (p.hasNonNull("top_logprobs") || e.topLogprobs == null) {
      e.topLogprobs = val.countInt(p.get("top_logprobs"), prefix + "top_logprobs");
    }
  }

  /** Canonical {@code usage}, also accepting prompt_tokens / completion_tokens. */
  static void readUsage(JsonNode u, UsageEvent e, Values val, String prefix) {
    e.inputTokens = val.count(firstPresent(u, "input_tokens", "prompt_tokens"), prefix + "input_tokens");
    e.outputTokens = val.count(firstPresent(u, "output_tokens", "completion_tokens"), prefix + "output_tokens");
    e.reasoningTokens = val.count(u.get("reasoning_tokens"), prefix + "reasoning_tokens");
  }

  static JsonNode firstPresent(JsonNode obj, String... keys) {
    for (String k : keys) {
      JsonNode v = obj.get(k);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }
}
