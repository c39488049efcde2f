package io.distillwatch.detect;

import java.util.List;

/** Stable signal ids (DESIGN §3). An id never changes meaning once released. */
public final class SignalIds {
  public static final String REQUESTS = "volume.requests";
  public static final String OUTPUT_TOKENS = "volume.output_tokens";
  public static final String OUTPUT_INPUT_RATIO = "volume.output_input_ratio";
  public static final String MAX_TOKENS_PINNED = "volume.max_tokens_pinned";
  public static final String ROUND_THE_CLOCK = "automation.round_the_clock";
  public static final String INTERARRIVAL_REGULARITY = "automation.interarrival_regularity";
  public static final String CONCURRENCY = "automation.concurrency";
  public static final String TEMPLATE_CONCENTRATION = "structure.template_concentration";
  public static final String SINGLE_TURN = "structure.single_turn";
  public static final String TOPIC_SWEEP = "structure.topic_sweep";
  public static final String CAPABILITY_FOCUS = "structure.capability_focus";
  public static final String COT = "elicitation.cot";
  public static final String REASONING_MAX = "elicitation.reasoning_max";
  public static final String RUBRIC_GRADING = "elicitation.rubric_grading";
  public static final String TOOL_TRACE = "elicitation.tool_trace";
  public static final String REPEATED_SAMPLING = "elicitation.repeated_sampling";
  public static final String LOGPROBS = "elicitation.logprobs";
  public static final String RELEASE_PIVOT = "timing.release_pivot";
  public static final String DATACENTER_EGRESS = "infra.datacenter_egress";
  public static final String ANONYMIZER = "infra.anonymizer";
  public static final String CLIENT_MISMATCH = "infra.client_mismatch";
  public static final String FRESH = "account.fresh";
  public static final String SIGNUP_PATH = "account.signup_path";
  public static final String DISPOSABLE_EMAIL = "account.disposable_email";
  /** Damper: the traffic looks like a benchmark or evaluation run. */
  public static final String BENCHMARK = "damper.benchmark";
  /** Damper: conversational traffic (requests that continue a conversation). */
  public static final String CONVERSATIONAL = "damper.conversational";
  /** Damper: verified enterprise account. */
  public static final String VERIFIED_ORG = "damper.verified_org";
  public static final String ALLOWLIST_EXEMPT = "allowlist.exempt";
  /** Context: the account matches indicators other providers shared (ADR 0025; cannot convict alone). */
  public static final String CROSSREF_MATCH = "crossref.match";

  /** Every id the per-account detector can emit, in documentation order. */
  public static final List<String> ALL =
      List.of(
          REQUESTS, OUTPUT_TOKENS, OUTPUT_INPUT_RATIO, MAX_TOKENS_PINNED, ROUND_THE_CLOCK,
          INTERARRIVAL_REGULARITY, CONCURRENCY, TEMPLATE_CONCENTRATION, SINGLE_TURN, TOPIC_SWEEP,
          CAPABILITY_FOCUS, COT, REASONING_MAX, RUBRIC_GRADING, TOOL_TRACE, REPEATED_SAMPLING,
          LOGPROBS, RELEASE_PIVOT, DATACENTER_EGRESS, ANONYMIZER, CLIENT_MISMATCH, FRESH, SIGNUP_PATH,
          DISPOSABLE_EMAIL, BENCHMARK, CONVERSATIONAL, VERIFIED_ORG, ALLOWLIST_EXEMPT,
          CROSSREF_MATCH);

  private SignalIds() {}
}
