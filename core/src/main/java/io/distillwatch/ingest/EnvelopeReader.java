package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.UsageEvent;

/**
 * The {@code openai} and {@code anthropic} envelopes: {@code {"ts", "account", ...metadata...,
 * "request": BODY, "response": BODY?}}. One reader understands both dialects' keys (they do not
 * clash): Chat Completions, the Responses API's {@code input}/{@code instructions}, and Messages.
 * Field errors are named by their path in the envelope ({@code request.max_tokens}).
 */
final class EnvelopeReader {
  private EnvelopeReader() {}

  /** Dialect of an envelope line, for {@code auto}: see {@code docs/ingest.md}. */
  static InputFormat dialect(JsonNode root) {
    JsonNode req = root.get("request");
    if (req.has("system") || req.has("thinking") || req.has("anthropic_version") || req.has("top_k")
        || req.has("stop_sequences")) {
      return InputFormat.ANTHROPIC;
    }
    JsonNode resp = root.get("response");
    if (resp != null && resp.isObject()) {
      if ("message".equals(resp.path("type").asText())) {
        return InputFormat.ANTHROPIC;
      }
      JsonNode usage = resp.get("usage");
      if (usage != null && usage.has("input_tokens") && !resp.has("object")) {
        return InputFormat.ANTHROPIC;
      }
    }
    return InputFormat.OPENAI;
  }

  static UsageEvent read(JsonNode root, FieldErrors errors) {
    Values val = new Values(errors);
    JsonNode req = root.get("request");
    JsonNode resp = root.get("response");
    if (resp != null && !resp.isObject()) {
      if (!resp.isNull()) {
        errors.add("response");
      }
      resp = null;
    }
    UsageEvent e = new UsageEvent();
    JsonNode ts = root.get("ts");
    if (Values.absent(ts) && resp != null && resp.get("created") != null && resp.get("created").isNumber()) {
      ts = resp.get("created"); // Chat Completions responses carry their creation time in seconds
    }
    e.ts = Values.requiredTs(ts, "ts");
    e.account = Values.requiredAccount(root.get("account"), "account");

    Conversation c = new Conversation(errors);
    c.readSystem(req.get("system"), "request.system");
    c.readSystem(req.get("instructions"), "request.instructions");
    JsonNode messages = req.get("messages");
    JsonNode prompt = req.get("prompt");
    String mField = "request.messages";
    String pField = "request.prompt";
    JsonNode input = req.get("input");
    if (messages == null && input != null) {
      if (input.isTextual()) {
        prompt = input;
        pField = "request.input";
      } else {
        messages = input;
        mField = "request.input";
      }
    }
    CanonicalReader.readPrompt(c, messages, prompt, mField, pField);
    c.applyTo(e);

    CanonicalReader.readMetadata(root, e, val);
    if (e.model == null) {
      e.model = val.string(req.get("model"), "request.model");
    }
    if (e.model == null && resp != null) {
      e.model = val.string(resp.get("model"), "response.model");
    }
    readRequestParams(req, e, val);
    JsonNode usage = resp == null ? root.get("usage") : resp.get("usage");
    if (usage != null && usage.isObject()) {
      readResponseUsage(usage, e, val, resp == null ? "usage." : "response.usage.");
    } else if (!Values.absent(usage)) {
      errors.add(resp == null ? "usage" : "response.usage");
    }
    return e;
  }

  private static void readRequestParams(JsonNode r, UsageEvent e, Values val) {
    // max_completion_tokens supersedes the deprecated max_tokens in Chat Completions
    String maxKey = r.hasNonNull("max_completion_tokens")
        ? "max_completion_tokens"
        : r.hasNonNull("max_output_tokens") ? "max_output_tokens" : "max_tokens";
    e.maxTokens = val.countInt(r.get(maxKey), "request." + maxKey);
    e.temperature = val.nonNegative(r.get("temperature"), "request.temperature");
    e.topP = val.nonNegative(r.get("top_p"), "request.top_p");
    e.n = val.countInt(r.get("n"), "request.n");
    CanonicalReader.readLogprobs(r, e, val, "request.");
    JsonNode effort = r.get("reasoning_effort");
    if (effort == null && r.path("reasoning").isObject()) {
      e.reasoningEffort = val.string(r.get("reasoning").get("effort"), "request.reasoning.effort");
    } else {
      e.reasoningEffort = val.string(effort, "request.reasoning_effort");
    }
    JsonNode thinking = r.get("thinking");
    if (thinking != null && thinking.isObject()) {
      if (!"disabled".equals(thinking.path("type").asText())) {
        e.thinkingBudget = val.countInt(thinking.get("budget_tokens"), "request.thinking.budget_tokens");
      }
    } else if (!Values.absent(thinking)) {
      val.invalid("request.thinking");
    }
    e.tools = val.tools(r.get("tools"), "request.tools");
    e.stream = val.bool(r.get("stream"), "request.stream");
    e.seed = val.integral(r.get("seed"), "request.seed");
  }

  /**
   * OpenAI {@code prompt_tokens}/{@code completion_tokens}/{@code completion_tokens_details.reasoning_tokens},
   * Responses {@code input_tokens}/{@code output_tokens}/{@code output_tokens_details.reasoning_tokens},
   * Anthropic {@code input_tokens} (plus cache creation and cache reads, which Messages counts apart)
   * and {@code output_tokens}.
   */
  private static void readResponseUsage(JsonNode u, UsageEvent e, Values val, String prefix) {
    if (u.hasNonNull("prompt_tokens")) {
      e.inputTokens = val.count(u.get("prompt_tokens"), prefix + "prompt_tokens");
    } else if (u.hasNonNull("input_tokens")) {
      Long in = val.count(u.get("input_tokens"), prefix + "input_tokens");
      Long created = val.count(u.get("cache_creation_input_tokens"), prefix + "cache_creation_input_tokens");
      Long read = val.count(u.get("cache_read_input_tokens"), prefix + "cache_read_input_tokens");
      e.inputTokens = in == null ? null : in + (created == null ? 0 : created) + (read == null ? 0 : read);
    }
    if (u.hasNonNull("completion_tokens")) {
      e.outputTokens = val.count(u.get("completion_tokens"), prefix + "completion_tokens");
    } else {
      e.outputTokens = val.count(u.get("output_tokens"), prefix + "output_tokens");
    }
    for (String details : new String[] {"completion_tokens_details", "output_tokens_details"}) {
      JsonNode d = u.get(details);
      if (d != null && d.isObject() && d.has("reasoning_tokens")) {
        e.reasoningTokens = val.count(d.get("reasoning_tokens"), prefix + details + ".reasoning_tokens");
      }
    }
    if (e.reasoningTokens == null && u.has("reasoning_tokens")) {
      e.reasoningTokens = val.count(u.get("reasoning_tokens"), prefix + "reasoning_tokens");
    }
  }
}
