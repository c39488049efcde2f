package io.distillwatch.event;

/**
 * One API request, normalised from any input format (DESIGN §2). A Flink POJO: public fields, no-arg
 * constructor. Optional values are {@code null} when missing or invalid — signals that need them skip
 * the event rather than guess.
 *
 * <p>Prompt text is reduced at ingest to what detection needs: the last user message's text and the
 * system prompt, each capped at {@link #MAX_TEXT_CHARS}, plus counts of turns and content blocks.
 */
public class UsageEvent {
  /** Longest prompt or system text kept per event; the rest is cut at ingest. */
  public static final int MAX_TEXT_CHARS = 4096;

  /** Event time, epoch milliseconds UTC. */
  public long ts;

  public String requestId;
  public String account;
  public String apiKey;
  public String model;
  public String ip;
  public Long asn;
  public String asnOrg;
  public String country;
  public String userAgent;
  public String tlsFp;
  public String paymentFp;

  /** System prompt (top-level {@code system}, or {@code system}/{@code developer} messages), capped. */
  public String system;
  /** Text of the last user message (text blocks only), capped; never null on an accepted event. */
  public String userText;
  /** Number of user messages (a message of only {@code tool_result} blocks counts). */
  public int userTurns;
  public int assistantTurns;
  public int toolUseBlocks;
  public int toolResultBlocks;
  public int imageBlocks;
  /**
   * 64-bit key of the whole message list sent (0 when none): a later request of the same
   * conversation carries it as its {@link #priorTurnKey}.
   */
  public long turnKey;
  /**
   * Key of the message list before the last assistant message — the request that assistant message
   * answered — or 0 when the request carries no assistant message. Equal to an earlier request's
   * {@link #turnKey} exactly when that earlier turn was really sent (structure.fabricated_history).
   */
  public long priorTurnKey;

  public Integer maxTokens;
  public Double temperature;
  public Double topP;
  public Integer n;
  public Boolean logprobs;
  public Integer topLogprobs;
  public String reasoningEffort;
  public Integer thinkingBudget;
  /** Number of tool definitions sent. */
  public Integer tools;
  public Boolean stream;
  public Long seed;

  public Long inputTokens;
  public Long outputTokens;
  public Long reasoningTokens;
  public Integer status;
  public Long latencyMs;

  public UsageEvent() {}

  /** True when the conversation carries earlier turns (a follow-up, not a one-shot prompt). */
  public boolean isMultiTurn() {
    return userTurns > 1 || assistantTurns > 0;
  }
}
