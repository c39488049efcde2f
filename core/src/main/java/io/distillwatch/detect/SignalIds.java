package io.distillwatch.detect;

import java.util.List;

/** Stable signal ids (DESIGN §3). An id never changes meaning once released. */
public final class SignalIds {
  public static final String REQUESTS = "volume.requests";
  public static final String OUTPUT_TOKENS = "volume.output_tokens";
  public static final String OUTPUT_INPUT_RATIO = "volume.output_input_ratio";
  public static final String MAX_TOKENS_PINNED = "volume.max_tokens_pinned";
  /** Requests asking for more output tokens than their model (or any model in the table) can give. */
  public static final String MAX_TOKENS_OVERLIMIT = "volume.max_tokens_overlimit";
  public static final String ROUND_THE_CLOCK = "automation.round_the_clock";
  public static final String INTERARRIVAL_REGULARITY = "automation.interarrival_regularity";
  public static final String CONCURRENCY = "automation.concurrency";
  public static final String TEMPLATE_CONCENTRATION = "structure.template_concentration";
  public static final String SINGLE_TURN = "structure.single_turn";
  public static final String TOPIC_SWEEP = "structure.topic_sweep";
  public static final String CAPABILITY_FOCUS = "structure.capability_focus";
  /** Multi-turn requests whose earlier turns were never sent as an earlier request. */
  public static final String FABRICATED_HISTORY = "structure.fabricated_history";
  public static final String COT = "elicitation.cot";
  public static final String REASONING_MAX = "elicitation.reasoning_max";
  public static final String RUBRIC_GRADING = "elicitation.rubric_grading";
  public static final String TOOL_TRACE = "elicitation.tool_trace";
  public static final String REPEATED_SAMPLING = "elicitation.repeated_sampling";
  public static final String LOGPROBS = "elicitation.logprobs";
  /** Prompts or system prompts stating the answers are for a dataset or for training a model. */
  public static final String DECLARED_PURPOSE = "elicitation.declared_purpose";
  public static final String RELEASE_PIVOT = "timing.release_pivot";
  public static final String DATACENTER_EGRESS = "infra.datacenter_egress";
  public static final String ANONYMIZER = "infra.anonymizer";
  public static final String CLIENT_MISMATCH = "infra.client_mismatch";
  public static final String FRESH = "account.fresh";
  public static final String SIGNUP_PATH = "account.signup_path";
  public static final String DISPOSABLE_EMAIL = "account.disposable_email";
  /** Volume judged against how disposable the account is (age, verification, payment, e-mail). */
  public static final String THROWAWAY_VOLUME = "account.throwaway_volume";
  /** Damper: the traffic looks like a benchmark or evaluation run. */
  public static final String BENCHMARK = "damper.benchmark";
  /**
   * Retired (issue 14): counted fabricated turns as conversation. Never emitted again and never
   * reused; {@link #OBSERVED_CONVERSATION} replaces it.
   */
  public static final String CONVERSATIONAL = "damper.conversational";
  /** Damper: requests continuing a conversation whose earlier turn this account really sent. */
  public static final String OBSERVED_CONVERSATION = "damper.observed_conversation";
  /** Damper: verified enterprise account. */
  public static final String VERIFIED_ORG = "damper.verified_org";
  public static final String ALLOWLIST_EXEMPT = "allowlist.exempt";
  /** Context: the account matches indicators other providers shared (ADR 0025; cannot convict alone). */
  public static final String CROSSREF_MATCH = "crossref.match";

  /** Every id the per-account detector can emit, in documentation order. */
  public static final List<String> ALL =
      List.of(
          REQUESTS, OUTPUT_TOKENS, OUTPUT_INPUT_RATIO, MAX_TOKENS_PINNED, MAX_TOKENS_OVERLIMIT, ROUND_THE_CLOCK,
          INTERARRIVAL_REGULARITY, CONCURRENCY, TEMPLATE_CONCENTRATION, SINGLE_TURN, TOPIC_SWEEP,
          CAPABILITY_FOCUS, FABRICATED_HISTORY, COT, REASONING_MAX, RUBRIC_GRADING, TOOL_TRACE,
          REPEATED_SAMPLING, LOGPROBS, DECLARED_PURPOSE, RELEASE_PIVOT, DATACENTER_EGRESS, ANONYMIZER,
          CLIENT_MISMATCH, FRESH, SIGNUP_PATH, DISPOSABLE_EMAIL, THROWAWAY_VOLUME, BENCHMARK,
          OBSERVED_CONVERSATION, VERIFIED_ORG, ALLOWLIST_EXEMPT, CROSSREF_MATCH);

  /** Ids that once existed and are never emitted or reused (DESIGN §3). */
  public static final List<String> RETIRED = List.of(CONVERSATIONAL);

  /**
   * Signals that may not convict alone: when no other family contributes, the score stops just
   * below {@code distillation} (docs/scoring.md, ADR 0023).
   */
  public static final List<String> NEED_ANOTHER_FAMILY = List.of(DECLARED_PURPOSE, THROWAWAY_VOLUME);

  private SignalIds() {}
}
