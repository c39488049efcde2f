package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/** One simulated request before serialisation (fields mirror DESIGN §2). */
final class SimEvent {
  /** A message: {@code kind} is {@code text}, {@code tool_use} or {@code tool_result}. */
  record Message(String role, String kind, String text) {
    static Message user(String text) {
      return new Message("user", "text", text);
    }

    static Message assistant() {
      return new Message("assistant", "text", Wrappers.ASSISTANT_PLACEHOLDER);
    }
  }

  long ts;
  String account;
  String apiKey;
  String model;
  Egress egress;
  ClientProfile client;
  /** Claimed user agent when it differs from {@link #client}'s (campaign c). */
  String userAgentOverride;
  String paymentFp;
  String system;
  final List<Message> messages = new ArrayList<>(4);
  /** The pool record the last user message is built from (for the reuse report). */
  PromptRecord prompt;

  Integer maxTokens;
  Double temperature;
  Integer n;
  Boolean logprobs;
  Integer topLogprobs;
  String reasoningEffort;
  Integer tools;
  Boolean stream;

  long inputTokens;
  long outputTokens;
  Long reasoningTokens;
  long latencyMs;

  /** Turn {@code turn} of a conversation, its earlier turns resent before it (answers as placeholders). */
  void replay(List<PromptRecord> conversation, int turn) {
    for (int k = 0; k < turn; k++) {
      messages.add(Message.user(conversation.get(k).text()));
      messages.add(Message.assistant());
    }
    messages.add(Message.user(conversation.get(turn).text()));
    prompt = conversation.get(turn);
  }

  String userAgent() {
    return userAgentOverride != null ? userAgentOverride : client.userAgent();
  }

  int textChars() {
    int c = system == null ? 0 : system.length();
    for (Message m : messages) {
      c += m.text().length();
    }
    return c;
  }
}
