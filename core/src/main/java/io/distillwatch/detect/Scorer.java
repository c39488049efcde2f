package io.distillwatch.detect;

import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates every signal on an {@link AccountState} and combines them (docs/scoring.md):
 *
 * <pre>
 *   s_i  = ramp(value_i; lo_i, hi_i) in [0,1]            (0 below the signal's min_events)
 *   g    = min(1, events / score.full_evidence_events)   (volume confidence)
 *   C    = sum over content signals of w_i s_i
 *   X    = sum over context signals of w_i s_i, k = min(1, score.context_cap / X)
 *   D    = sum over dampers of w_i s_i
 *   E    = g (C + k X) - D
 *   score = 1 - exp(-max(0, E))
 * </pre>
 *
 * Each signal's reported contribution is its term in E ({@code g w s}, {@code g k w s} or {@code -w
 * s}), so contributions add up to E. Allowlisted accounts are capped below the distillation
 * threshold; the cap shows as {@code allowlist.exempt} with the negative contribution it took.
 */
final class Scorer {
  enum Kind {
    CONTENT,
    CONTEXT,
    /** Context that is not capped ({@code account.throwaway_volume}, ADR 0023); gated like content. */
    UNCAPPED,
    DAMPER,
    /**
     * Context from other providers ({@code crossref.match}, ADR 0025): outside the context cap, but it
     * counts only when the account's own content evidence reaches {@link #CROSSREF_COMPANY}, so a match
     * never convicts, nor flags, an account on its own.
     */
    CORROBORATING
  }

  /** Evidence units another family's signals must add for a {@code NEED_ANOTHER_FAMILY} signal to convict. */
  static final double COMPANY_MIN = 0.15;

  /** Content evidence units an account needs of its own before a cross-provider match adds anything. */
  static final double CROSSREF_COMPANY = 0.15;

  private final DetectionContext ctx;
  private final DetectionConfig cfg;
  private final Set<String> skipped;
  private final Signals signals;

  Scorer(DetectionContext ctx) {
    this.ctx = ctx;
    this.cfg = ctx.config();
    this.signals = new Signals(ctx);
    Set<String> s = new LinkedHashSet<>();
    if (ctx.ipIntel() == null) {
      s.add(SignalIds.DATACENTER_EGRESS);
      s.add(SignalIds.ANONYMIZER);
    }
    if (!ctx.hasAccounts()) {
      s.add(SignalIds.FRESH);
      s.add(SignalIds.SIGNUP_PATH);
      s.add(SignalIds.DISPOSABLE_EMAIL);
      s.add(SignalIds.THROWAWAY_VOLUME);
      s.add(SignalIds.VERIFIED_ORG);
    }
    if (!ctx.hasModels()) {
      s.add(SignalIds.MAX_TOKENS_PINNED);
      s.add(SignalIds.MAX_TOKENS_OVERLIMIT);
    }
    if (!ctx.hasReleaseTimes()) {
      s.add(SignalIds.RELEASE_PIVOT);
    }
    this.skipped = Set.copyOf(s);
  }

  Set<String> skippedSignals() {
    return skipped;
  }

  /** Collected findings of one evaluation (primitive arrays: assess runs after every event). */
  static final class Findings {
    static final int MAX = 40;
    final boolean evidence;
    /** When set, signals it disables ({@link DetectionConfig#isDisabled}) are dropped. */
    DetectionConfig config;
    final String[] ids = new String[MAX];
    final Kind[] kinds = new Kind[MAX];
    final double[] values = new double[MAX];
    final double[] raw = new double[MAX];
    /** Evidence sentences, {@link String} or {@link DeferredText}. */
    final Object[] texts;
    int size;

    Findings(boolean evidence) {
      this.evidence = evidence;
      this.texts = evidence ? new Object[MAX] : null;
    }

    void add(String id, Kind kind, double value, double weightedStrength, Object text) {
      if (weightedStrength <= 0 || (config != null && config.isDisabled(id))) {
        return;
      }
      ids[size] = id;
      kinds[size] = kind;
      values[size] = value;
      raw[size] = weightedStrength;
      if (texts != null) {
        texts[size] = text;
      }
      size++;
    }
  }

  Assessment assess(AccountState s) {
    Findings f = new Findings(false);
    f.config = cfg;
    signals.evaluate(s, f);
    Combined c = combine(s, f);
    return new Assessment(c.score, verdict(c.score));
  }

  List<Signal> explain(AccountState s) {
    return explanation(s).signals();
  }

  /** The same evidence as {@link #explain}, with its sentences still unformatted. */
  Explanation explanation(AccountState s) {
    Findings f = new Findings(true);
    f.config = cfg;
    signals.evaluate(s, f);
    Combined c = combine(s, f);
    // a cross-provider match without content evidence of the account's own adds nothing: not listed
    int n = 0;
    int[] keep = new int[f.size];
    for (int i = 0; i < f.size; i++) {
      if (f.kinds[i] != Kind.CORROBORATING || c.contributions[i] != 0) {
        keep[n++] = i;
      }
    }
    String[] ids = new String[n];
    double[] values = new double[n];
    double[] contributions = new double[n];
    Object[] texts = new Object[n];
    for (int j = 0; j < n; j++) {
      int i = keep[j];
      ids[j] = f.ids[i];
      texts[j] = f.texts[i];
      values[j] = round(f.values[i]);
      contributions[j] = round(c.contributions[i]);
    }
    Signal allowlist = null;
    String reason = ctx.allowlistReason(s.account());
    if (reason != null) {
      String text =
          "allowlisted: " + reason + "; verdict capped at suspicious"
              + (c.allowlistContribution < 0
                  ? String.format(Locale.ROOT, " (score %.2f capped at %.2f)", c.uncapped, c.score)
                  : "");
      allowlist = new Signal(SignalIds.ALLOWLIST_EXEMPT, 1.0, round(c.allowlistContribution), text);
    }
    return new Explanation(ids, values, contributions, texts, allowlist);
  }

  private static double round(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }

  private Verdict verdict(double score) {
    return cfg.verdict(score);
  }

  private record Combined(
      double score, double uncapped, double[] contributions, double allowlistContribution) {}

  /**
   * A signal that may not convict alone ({@link SignalIds#NEED_ANOTHER_FAMILY}) is reduced so the
   * score stays just below {@code distillation} unless a signal of another family (dampers aside)
   * contributes at least {@link #COMPANY_MIN}. Returns the evidence after the reduction.
   */
  private double needAnotherFamily(Findings f, double[] contributions, double e) {
    double capE = -Math.log(1 - (cfg.distillationThreshold() - cfg.get("score.allowlist_margin")));
    if (e <= capE) {
      return e;
    }
    for (int i = 0; i < f.size; i++) {
      if (!SignalIds.NEED_ANOTHER_FAMILY.contains(f.ids[i]) || contributions[i] <= 0) {
        continue;
      }
      if (!hasCompany(f, contributions, family(f.ids[i]))) {
        double cut = Math.min(contributions[i], e - capE);
        contributions[i] -= cut;
        e -= cut;
        if (f.texts != null && cut > 0) {
          f.texts[i] = f.texts[i] + String.format(Locale.ROOT,
              " (%.2f evidence units withheld: this signal cannot convict without another family)", cut);
        }
      }
    }
    return e;
  }

  /** True when some other family's signals (dampers and other such signals aside) add up to {@link #COMPANY_MIN}. */
  private static boolean hasCompany(Findings f, double[] contributions, String family) {
    java.util.Map<String, Double> byFamily = new java.util.HashMap<>();
    for (int j = 0; j < f.size; j++) {
      String other = family(f.ids[j]);
      if (f.kinds[j] != Kind.DAMPER && !other.equals(family) && !SignalIds.NEED_ANOTHER_FAMILY.contains(f.ids[j])
          && byFamily.merge(other, contributions[j], Double::sum) >= COMPANY_MIN) {
        return true;
      }
    }
    return false;
  }

  private static String family(String id) {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  private Combined combine(AccountState s, Findings f) {
    double g = Math.min(1.0, s.events / Math.max(1.0, cfg.get("score.full_evidence_events")));
    double x = 0;
    for (int i = 0; i < f.size; i++) {
      if (f.kinds[i] == Kind.CONTEXT) {
        x += f.raw[i];
      }
    }
    double cap = cfg.get("score.context_cap");
    double k = x > cap ? cap / x : 1.0;
    double e = 0;
    double content = 0;
    for (int i = 0; i < f.size; i++) {
      if (f.kinds[i] == Kind.CONTENT) {
        content += g * f.raw[i];
      }
    }
    double[] contributions = new double[f.size];
    for (int i = 0; i < contributions.length; i++) {
      double r = f.raw[i];
      double c =
          switch (f.kinds[i]) {
            case CONTENT, UNCAPPED -> g * r;
            case CONTEXT -> g * k * r;
            case DAMPER -> -r;
            case CORROBORATING -> content >= CROSSREF_COMPANY ? g * r : 0;
          };
      contributions[i] = c;
      e += c;
    }
    e = needAnotherFamily(f, contributions, e);
    double score = 1 - Math.exp(-Math.max(0, e));
    double uncapped = score;
    double allow = 0;
    if (ctx.allowlistReason(s.account()) != null) {
      double capScore = cfg.distillationThreshold() - cfg.get("score.allowlist_margin");
      if (score > capScore) {
        double capE = -Math.log(1 - capScore);
        allow = capE - e;
        score = capScore;
      }
    }
    return new Combined(score, uncapped, contributions, allow);
  }
}
