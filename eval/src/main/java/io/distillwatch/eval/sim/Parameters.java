package io.distillwatch.eval.sim;

/**
 * The frozen traffic envelope of every population (docs/evaluation.md, "Frozen parameters"). These values
 * were fixed before any detection tuning; changing one changes what the evaluation measures, so it needs
 * an ADR and a note in docs/evaluation.md. Account counts are at scale 1.0.
 */
public final class Parameters {
  private Parameters() {}

  public static final long HOUR_MS = 3_600_000L;
  public static final long DAY_MS = 24 * HOUR_MS;

  /** The new model ships this fraction of the way through the period (day 8 of 14), 17:00 UTC. */
  public static final double RELEASE_FRACTION = 0.57;

  public static final String OLD_MODEL = "frontier-1";
  public static final int OLD_MODEL_MAX_OUTPUT = 8192;
  public static final String NEW_MODEL = "frontier-2";
  public static final int NEW_MODEL_MAX_OUTPUT = 32000;

  // ---- benign humans
  public static final int HUMANS = 1500;
  /** Mean sessions per day per human (log-normal across humans, sigma 0.8, capped at 6). */
  public static final double HUMAN_SESSIONS_PER_DAY = 0.6;
  /** Think time between turns: log-normal, median 75 s, sigma 0.9, at least 8 s. */
  public static final double HUMAN_THINK_MEDIAN_S = 75;
  /** Egress mix: home ISP, Apple private relay, VPN (rest). */
  public static final double HUMAN_HOME = 0.78;
  public static final double HUMAN_RELAY = 0.15;
  /** Share of humans who move to the new model, within 0–5 days of its release. */
  public static final double HUMAN_ADOPT_NEW_MODEL = 0.35;
  /** Share of humans whose account was created during the period (fresh but honest). */
  public static final double HUMAN_FRESH = 0.08;

  // ---- enterprise teams
  public static final int TEAMS = 15;
  public static final int TEAM_MIN = 4;
  public static final int TEAM_MAX = 12;
  /** Mean requests per member per workday (Mon–Fri, 08:00–19:00 local). */
  public static final double TEAM_REQUESTS_PER_WORKDAY = 10;

  // ---- app backends
  public static final int APP_BACKENDS = 6;
  /** Requests/day per backend: uniform in [min, max], modulated by its users' daily cycle. */
  public static final int APP_MIN_PER_DAY = 400;
  public static final int APP_MAX_PER_DAY = 1500;

  // ---- researchers
  public static final int RESEARCHERS = 25;
  /** Requests per working day: uniform in [min, max]; weekends 20% of that. */
  public static final int RESEARCH_MIN_PER_DAY = 10;
  public static final int RESEARCH_MAX_PER_DAY = 60;

  // ---- evaluation labs
  public static final int LABS = 4;
  /** Benchmark runs per lab on the old model, plus one on the new model within 1–8 h of its release. */
  public static final int LAB_RUNS_MIN = 2;
  public static final int LAB_RUNS_MAX = 3;
  /** Concurrency of a harness run (requests in flight). */
  public static final int LAB_CONCURRENCY_MIN = 4;
  public static final int LAB_CONCURRENCY_MAX = 16;
  /** Share of runs of code/maths benchmarks sampled pass@k style (n = 5, temperature 0.8). */
  public static final double LAB_PASS_AT_K = 0.3;

  // ---- campaign a: hydra
  public static final int HYDRA_ACCOUNTS = 200;
  public static final int HYDRA_MIN_PER_DAY = 15;
  public static final int HYDRA_MAX_PER_DAY = 40;
  /** Accounts sharing one payment method. */
  public static final int HYDRA_ACCOUNTS_PER_PAYMENT = 12;
  /** Residential proxy exits shared by the whole hydra. */
  public static final int HYDRA_PROXY_EXITS = 120;
  /** Accounts are created in this many bursts (each within one hour). */
  public static final int HYDRA_CREATION_BURSTS = 8;
  /** Share of the hydra's accounts that move to the new model, 1–20 h after release. */
  public static final double HYDRA_PIVOT_SHARE = 0.5;

  // ---- campaign b: chain-of-thought extraction and rubric grading
  public static final int EXTRACTION_ACCOUNTS = 8;
  public static final int EXTRACTION_SUBNETS = 3;
  public static final int EXTRACTION_PER_DAY = 400;
  /** Share of requests asking for rubric grading (the rest are CoT extraction). */
  public static final double EXTRACTION_RUBRIC_SHARE = 0.4;
  /** Share of prompts sampled repeatedly (n = 4, or resent 2–3 times). */
  public static final double EXTRACTION_RESAMPLE_SHARE = 0.5;

  // ---- campaign c: reseller
  public static final int RESELLER_ACCOUNTS = 6;
  public static final int RESELLER_PER_DAY = 500;
  /** Share of a reseller account's traffic that is tool-trace harvesting (the rest real customers). */
  public static final double RESELLER_HARVEST_SHARE = 0.4;
  public static final int RESELLER_EGRESS_IPS = 3;

  // ---- campaign d: one heavy naive account
  public static final int HEAVY_PER_DAY = 3000;

  // ---- campaign e: slow-and-low
  public static final int SLOW_ACCOUNTS = 40;
  public static final int SLOW_MIN_PER_DAY = 6;
  public static final int SLOW_MAX_PER_DAY = 12;

  // ==== Frozen with the generalisation generator (docs/evaluation.md, changelog 2026-12-02) ====

  /** Conversation lengths cycled over pool records without a conversation id (mean 2.2 turns). */
  public static final int[] SESSION_TURNS = {1, 2, 1, 3, 2, 1, 4, 1, 2, 5};

  // ---- coding-agent backends (benign)
  public static final int CODING_AGENTS = 4;
  /** Agent sessions per day per backend, uniform in [min, max]; each session 3–12 requests. */
  public static final int CODING_SESSIONS_MIN_PER_DAY = 40;
  public static final int CODING_SESSIONS_MAX_PER_DAY = 100;
  public static final int CODING_STEPS_MIN = 3;
  public static final int CODING_STEPS_MAX = 12;

  // ---- campaign f: heavy throw-away account
  public static final int THROWAWAY_PER_DAY = 4000;
  /** Account age at its first request, days: uniform in [min, max]. */
  public static final double THROWAWAY_AGE_MIN_DAYS = 1;
  public static final double THROWAWAY_AGE_MAX_DAYS = 5;

  // ---- campaign g: slow-and-low over one public instruction set, no shared infrastructure
  public static final int PUBLIC_SET_ACCOUNTS = 30;
  /** The head of the instruction set every account samples from (so exact prompts recur across accounts). */
  public static final int PUBLIC_SET_SIZE = 400;
  public static final int PUBLIC_SET_MIN_PER_DAY = 2;
  public static final int PUBLIC_SET_MAX_PER_DAY = 5;
  public static final double PUBLIC_SET_AGE_MIN_DAYS = 60;
  public static final double PUBLIC_SET_AGE_MAX_DAYS = 400;

  // ---- campaign h: agentic-trace harvesting with fabricated history through a reseller
  public static final int TRACE_ACCOUNTS = 5;
  public static final int TRACE_PER_DAY = 450;
  /** Share of requests that are harvests (the rest: genuine customers' conversations, replayed in order). */
  public static final double TRACE_HARVEST_SHARE = 0.5;
  public static final int TRACE_EGRESS_IPS = 2;

  // ---- campaign i: declared purpose, impersonation, CoT on short questions, max_tokens over any limit
  public static final int PURPOSE_ACCOUNTS = 12;
  public static final int PURPOSE_MIN_PER_DAY = 300;
  public static final int PURPOSE_MAX_PER_DAY = 800;
  /** Each account is active this many days (uniform in [1, max]). */
  public static final int PURPOSE_MAX_ACTIVE_DAYS = 3;
  public static final int PURPOSE_MAX_TOKENS = 200_000;
  /** Short factual questions: pool records of at most this many characters. */
  public static final int PURPOSE_QUESTION_MAX_CHARS = 200;
  public static final double PURPOSE_COT_SHARE = 0.6;

  // ---- campaign j: payment groups rotating over the same datacenter /24s
  public static final int ROTATION_ACCOUNTS = 40;
  public static final int ROTATION_ACCOUNTS_PER_PAYMENT = 5;
  public static final int ROTATION_SUBNETS = 3;
  public static final int ROTATION_MIN_PER_DAY = 60;
  public static final int ROTATION_MAX_PER_DAY = 150;

  // ---- campaign k: multilingual reasoning-trace coercion through an API aggregator
  public static final int MULTILINGUAL_ACCOUNTS = 20;
  public static final int MULTILINGUAL_MIN_PER_DAY = 150;
  public static final int MULTILINGUAL_MAX_PER_DAY = 300;
  public static final int MULTILINGUAL_EGRESS_IPS = 4;

  /** Hour-of-day activity weights (local time) of people. */
  public static final double[] HUMAN_HOURS = {
    0.25, 0.12, 0.07, 0.05, 0.05, 0.08, 0.2, 0.45, 0.7, 0.9, 1, 1, 0.95, 1, 1, 0.95, 0.9, 0.9, 0.95, 1, 1, 0.95, 0.75,
    0.45
  };

  /** Hour-of-day weights (local time) of office work. */
  public static final double[] WORK_HOURS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1, 1, 1, 0.6, 0.9, 1, 1, 1, 0.8, 0.4, 0, 0, 0, 0, 0
  };
}
