package io.distillwatch.detect;

import static io.distillwatch.detect.Scorer.Kind.CONTENT;
import static io.distillwatch.detect.Scorer.Kind.CONTEXT;
import static io.distillwatch.detect.Scorer.Kind.DAMPER;

import io.distillwatch.detect.Scorer.Findings;
import io.distillwatch.event.AccountInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Every per-account signal: its value, strength and evidence sentence. Thresholds are read once from
 * the {@link DetectionConfig}. Documented signal by signal in docs/scoring.md.
 */
final class Signals {
  private static final double HOUR = 3_600_000.0;
  private static final double DAY = 24 * HOUR;

  /** A signal's settings: weight, ramp and minimum number of relevant events. */
  record P(double weight, double lo, double hi, double min) {
    double ramp(double v) {
      if (Double.isNaN(v)) {
        return 0;
      }
      double r = lo <= hi ? (v - lo) / (hi - lo) : (lo - v) / (lo - hi);
      return Math.max(0, Math.min(1, r));
    }
  }

  private final DetectionContext ctx;
  private final P crossrefMatch;
  private final P requests;
  private final P outputTokens;
  private final P ratio;
  private final P pinned;
  private final P overlimit;
  private final P roundTheClock;
  private final double rtcMinSpanHours;
  private final double rtcActiveShare;
  private final P regularity;
  private final P concurrency;
  private final P template;
  private final P singleTurn;
  private final P sweep;
  private final P sweepArea;
  private final P sweepVocabulary;
  private final P focus;
  private final P cot;
  private final P reasoning;
  private final P rubric;
  private final P tools;
  private final P sampling;
  private final P logprobs;
  private final P pivot;
  private final double pivotMinShare;
  private final P datacenter;
  private final P anonymizer;
  private final double relayFactor;
  private final P mismatch;
  private final P fresh;
  private final P signup;
  private final P disposable;
  private final P benchmark;
  private final P benchmarkTemp0;
  private final P observed;
  private final P fabricated;
  private final P purpose;
  private final P throwaway;
  private final P throwawayAge;
  private final P verified;

  Signals(DetectionContext ctx) {
    this.ctx = ctx;
    DetectionConfig c = ctx.config();
    requests = p(c, SignalIds.REQUESTS);
    outputTokens = p(c, SignalIds.OUTPUT_TOKENS);
    ratio = p(c, SignalIds.OUTPUT_INPUT_RATIO);
    pinned = p(c, SignalIds.MAX_TOKENS_PINNED);
    overlimit = p(c, SignalIds.MAX_TOKENS_OVERLIMIT);
    roundTheClock = p(c, SignalIds.ROUND_THE_CLOCK);
    rtcMinSpanHours = c.get(SignalIds.ROUND_THE_CLOCK + ".min_span_hours");
    rtcActiveShare = c.get(SignalIds.ROUND_THE_CLOCK + ".active_share");
    regularity = p(c, SignalIds.INTERARRIVAL_REGULARITY);
    concurrency = p(c, SignalIds.CONCURRENCY);
    template = p(c, SignalIds.TEMPLATE_CONCENTRATION);
    singleTurn = p(c, SignalIds.SINGLE_TURN);
    sweep = p(c, SignalIds.TOPIC_SWEEP);
    sweepArea =
        new P(0, c.get(SignalIds.TOPIC_SWEEP + ".area_lo"), c.get(SignalIds.TOPIC_SWEEP + ".area_hi"), 0);
    sweepVocabulary =
        new P(
            0,
            c.get(SignalIds.TOPIC_SWEEP + ".vocabulary_lo"),
            c.get(SignalIds.TOPIC_SWEEP + ".vocabulary_hi"),
            0);
    focus = p(c, SignalIds.CAPABILITY_FOCUS);
    cot = p(c, SignalIds.COT);
    reasoning = p(c, SignalIds.REASONING_MAX);
    rubric = p(c, SignalIds.RUBRIC_GRADING);
    tools = p(c, SignalIds.TOOL_TRACE);
    sampling = p(c, SignalIds.REPEATED_SAMPLING);
    logprobs = p(c, SignalIds.LOGPROBS);
    pivot = p(c, SignalIds.RELEASE_PIVOT);
    pivotMinShare = c.get(SignalIds.RELEASE_PIVOT + ".min_share");
    datacenter = p(c, SignalIds.DATACENTER_EGRESS);
    anonymizer = p(c, SignalIds.ANONYMIZER);
    relayFactor = c.get(SignalIds.ANONYMIZER + ".relay_factor");
    mismatch = p(c, SignalIds.CLIENT_MISMATCH);
    fresh = p(c, SignalIds.FRESH);
    signup = new P(c.get(SignalIds.SIGNUP_PATH + ".weight"), 0, 1, c.get(SignalIds.SIGNUP_PATH + ".min_events"));
    disposable =
        new P(c.get(SignalIds.DISPOSABLE_EMAIL + ".weight"), 0, 1, c.get(SignalIds.DISPOSABLE_EMAIL + ".min_events"));
    benchmark = p(c, SignalIds.BENCHMARK);
    benchmarkTemp0 =
        new P(0, c.get(SignalIds.BENCHMARK + ".temp0_lo"), c.get(SignalIds.BENCHMARK + ".temp0_hi"), 0);
    observed = p(c, SignalIds.OBSERVED_CONVERSATION);
    fabricated = p(c, SignalIds.FABRICATED_HISTORY);
    purpose = p(c, SignalIds.DECLARED_PURPOSE);
    throwaway = p(c, SignalIds.THROWAWAY_VOLUME);
    throwawayAge =
        new P(0, c.get(SignalIds.THROWAWAY_VOLUME + ".age_lo"), c.get(SignalIds.THROWAWAY_VOLUME + ".age_hi"), 0);
    crossrefMatch = p(c, SignalIds.CROSSREF_MATCH);
    verified =
        new P(c.get(SignalIds.VERIFIED_ORG + ".weight"), 0, 1, c.get(SignalIds.VERIFIED_ORG + ".min_events"));
  }

  private static P p(DetectionConfig c, String id) {
    return new P(c.get(id + ".weight"), c.get(id + ".lo"), c.get(id + ".hi"), c.get(id + ".min_events"));
  }

  void evaluate(AccountState s, Findings f) {
    volume(s, f);
    automation(s, f);
    structure(s, f);
    fabricatedHistory(s, f);
    elicitation(s, f);
    releasePivot(s, f);
    infrastructure(s, f);
    account(s, f);
    crossref(s, f);
    dampers(s, f);
  }

  // ---- cross-provider match -----------------------------------------------------------------

  private void crossref(AccountState s, Findings f) {
    CrossrefLookup lookup = ctx.crossref();
    if (lookup == null || s.events < crossrefMatch.min) {
      return;
    }
    CrossrefLookup.Match m = lookup.match(s, ctx.account(s.account()));
    if (m == null || m.strength() <= 0) {
      return;
    }
    double st = crossrefMatch.ramp(m.strength());
    f.add(SignalIds.CROSSREF_MATCH, Scorer.Kind.CORROBORATING, m.strength(), crossrefMatch.weight * st,
        f.evidence && st > 0 ? m.evidence() : null);
  }

  // ---- volume --------------------------------------------------------------------------------

  /** Observed span in days, at least one day (so short bursts are not extrapolated). */
  private static double spanDays(AccountState s) {
    if (s.events == 0) {
      return 1;
    }
    return Math.max(1.0, (s.lastTs - s.firstTs) / DAY);
  }

  private static Object spanText(AccountState s) {
    double h = s.events == 0 ? 0 : (s.lastTs - s.firstTs) / HOUR;
    return h < 48 ? fmt("%.1f h", h) : fmt("%.1f days", h / 24);
  }

  private void volume(AccountState s, Findings f) {
    if (s.events >= requests.min) {
      double perDay = s.events / spanDays(s);
      double st = requests.ramp(perDay);
      f.add(SignalIds.REQUESTS, CONTEXT, perDay, requests.weight * st,
          f.evidence && st > 0
              ? fmt("%s requests in %s (%s per day; a span under a day counts as one day)", n(s.events), spanText(s), n(perDay))
              : null);
    }
    if (s.outputEvents >= outputTokens.min) {
      double perDay = s.outputTokens / spanDays(s);
      double st = outputTokens.ramp(perDay);
      f.add(SignalIds.OUTPUT_TOKENS, CONTEXT, perDay, outputTokens.weight * st,
          f.evidence && st > 0
              ? fmt("%s output tokens over %s requests in %s (%s per day)", n(s.outputTokens),
                  n(s.outputEvents), spanText(s), n(perDay))
              : null);
    }
    if (s.ratioEvents >= ratio.min) {
      double r = s.ratioOut / (double) Math.max(1, s.ratioIn);
      double st = ratio.ramp(r);
      f.add(SignalIds.OUTPUT_INPUT_RATIO, CONTENT, r, ratio.weight * st,
          f.evidence && st > 0
              ? fmt("%s output vs %s input tokens over %s requests: %.1f output tokens per input token",
                  n(s.ratioOut), n(s.ratioIn), n(s.ratioEvents), r)
              : null);
    }
    if (s.maxTokensKnown >= pinned.min) {
      double share = s.maxTokensPinned / (double) s.maxTokensKnown;
      double st = pinned.ramp(share);
      f.add(SignalIds.MAX_TOKENS_PINNED, CONTENT, share, pinned.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) set max_tokens at the model's output limit (models file)",
                  n(s.maxTokensPinned), n(s.maxTokensKnown), pct(share))
              : null);
    }
    if (s.maxTokensJudged >= overlimit.min) {
      double share = s.maxTokensOverlimit / (double) s.maxTokensJudged;
      double st = overlimit.ramp(share);
      f.add(SignalIds.MAX_TOKENS_OVERLIMIT, CONTENT, share, overlimit.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) ask for more output tokens than their model can give"
                      + " (up to max_tokens=%s; models table)",
                  n(s.maxTokensOverlimit), n(s.maxTokensJudged), pct(share), n(s.maxTokensAsked))
              : null);
    }
  }

  // ---- automation ----------------------------------------------------------------------------

  private void automation(AccountState s, Findings f) {
    double spanHours = (s.lastTs - s.firstTs) / HOUR;
    if (s.events >= roundTheClock.min && spanHours >= rtcMinSpanHours) {
      double mean = s.events / 24.0;
      int active = 0;
      int quietest = Integer.MAX_VALUE;
      for (int c : s.hourOfDay) {
        if (c >= Math.max(1, rtcActiveShare * mean)) {
          active++;
        }
        quietest = Math.min(quietest, c);
      }
      double st = roundTheClock.ramp(active);
      final int q = quietest;
      f.add(SignalIds.ROUND_THE_CLOCK, CONTEXT, active, roundTheClock.weight * st,
          f.evidence && st > 0
              ? fmt("active in %d of 24 UTC hours of the day over %s; quietest hour %s requests vs %.1f mean",
                  active, spanText(s), n(q), mean)
              : null);
    }
    if (s.gapN >= regularity.min) {
      double sd = Math.sqrt(s.gapM2 / Math.max(1, s.gapN - 1));
      double cv = s.gapMean > 0 ? sd / s.gapMean : 0;
      double st = regularity.ramp(cv);
      f.add(SignalIds.INTERARRIVAL_REGULARITY, CONTEXT, cv, regularity.weight * st,
          f.evidence && st > 0
              ? fmt("%s gaps between requests: mean %.1f s, standard deviation %.1f s (coefficient of variation %.2f; people are burstier, above 1)",
                  n(s.gapN), s.gapMean, sd, cv)
              : null);
    }
    if (s.timedEvents >= concurrency.min) {
      double mean = s.inflightSum / (double) s.timedEvents;
      double st = concurrency.ramp(mean);
      f.add(SignalIds.CONCURRENCY, CONTEXT, mean, concurrency.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s timed requests (%s) started while another was still running; %.1f in flight on average, up to %d",
                  n(s.overlapEvents), n(s.timedEvents), pct(s.overlapEvents / (double) s.timedEvents),
                  mean, s.maxInflight)
              : null);
    }
  }

  // ---- structure -----------------------------------------------------------------------------

  private void structure(AccountState s, Findings f) {
    if (s.prompts >= template.min) {
      long head = s.heads.topGuaranteed(3);
      long tail = s.tails.topGuaranteed(3);
      boolean useHead = head >= tail;
      TopK k = useHead ? s.heads : s.tails;
      double share = Math.max(head, tail) / (double) s.prompts;
      double st = template.ramp(share);
      Object text = null;
      if (f.evidence && st > 0) {
        int[] order = k.order();
        int used = 0;
        long covered = 0;
        for (int i = 0; i < Math.min(3, order.length); i++) {
          if (k.guaranteed(order[i]) > 0) {
            used++;
            covered += k.guaranteed(order[i]);
          }
        }
        text = fmt("%s prompts, %s in %d %s; example: '%s'", n(s.prompts), pct(covered / (double) s.prompts),
            used, used == 1 ? "template" : "templates", k.example(order[0]));
      }
      f.add(SignalIds.TEMPLATE_CONCENTRATION, CONTENT, share, template.weight * st, text);
    }
    if (s.events >= singleTurn.min) {
      double share = 1 - s.multiTurnEvents / (double) s.events;
      double st = singleTurn.ramp(share);
      f.add(SignalIds.SINGLE_TURN, CONTEXT, share, singleTurn.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) are single-turn, with no earlier turns of a conversation",
                  n(s.events - s.multiTurnEvents), n(s.events), pct(share))
              : null);
    }
    int area = 0;
    long classified = 0;
    for (int c = 1; c < s.categories.length; c++) {
      classified += s.categories[c];
      if (s.categories[c] > 0 && (area == 0 || s.categories[c] > s.categories[area])) {
        area = c;
      }
    }
    double areaShare = s.prompts == 0 || area == 0 ? 0 : s.categories[area] / (double) s.prompts;
    if (s.prompts >= sweep.min && area > 0) {
      double distinct = Math.min(1.0, s.distinctPrompts.estimate() / s.prompts);
      double vocab = s.vocabulary.estimate() / s.prompts;
      double st = sweep.ramp(distinct) * sweepArea.ramp(areaShare) * sweepVocabulary.ramp(vocab);
      f.add(SignalIds.TOPIC_SWEEP, CONTENT, distinct, sweep.weight * st,
          f.evidence && st > 0
              ? fmt("%s prompts, about %s distinct, about %.1f new content words per prompt, %s of them about %s",
                  n(s.prompts), pct(distinct), vocab, pct(areaShare), PromptFeatures.CATEGORIES[area])
              : null);
    }
    if (s.prompts >= focus.min && area > 0 && classified > 0) {
      double share = s.categories[area] / (double) classified;
      // narrow focus needs most prompts to be classifiable at all
      double st = focus.ramp(share) * Math.min(1, classified / (0.5 * s.prompts));
      final int a = area;
      final long cl = classified;
      f.add(SignalIds.CAPABILITY_FOCUS, CONTENT, share, focus.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s prompts with a recognisable capability area (%s) are about %s, out of %s prompts",
                  n(s.categories[a]), n(cl), pct(share), PromptFeatures.CATEGORIES[a], n(s.prompts))
              : null);
    }
  }

  private void fabricatedHistory(AccountState s, Findings f) {
    if (s.toolHistoryJudged >= fabricated.min) {
      long unseen = s.toolHistoryJudged - s.toolHistoryObserved;
      double share = unseen / (double) s.toolHistoryJudged;
      double st = fabricated.ramp(share);
      f.add(SignalIds.FABRICATED_HISTORY, CONTENT, share, fabricated.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests whose earlier turns hold the model's tool calls (%s) continue an agent loop"
                      + " this account never ran: the request those tool calls answered was never sent",
                  n(unseen), n(s.toolHistoryJudged), pct(share))
              : null);
    }
  }

  // ---- elicitation ---------------------------------------------------------------------------

  private void elicitation(AccountState s, Findings f) {
    if (s.events >= purpose.min) {
      double share = s.purposeEvents / (double) s.events;
      double st = purpose.ramp(share);
      f.add(SignalIds.DECLARED_PURPOSE, CONTENT, share, purpose.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) state in the prompt or system prompt that the answers are for a dataset or"
                      + " for training or distilling a model, or make the model pose as another provider's"
                      + " (phrase table, e.g. 'for a training dataset', 'train a student model', '用于训练')",
                  n(s.purposeEvents), n(s.events), pct(share))
              : null);
    }
    if (s.events >= cot.min) {
      double share = s.cotEvents / (double) s.events;
      double st = cot.ramp(share);
      f.add(SignalIds.COT, CONTENT, share, cot.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) ask for step-by-step or explicit reasoning in the prompt or system prompt (phrases such as 'step by step', 'show your reasoning', 'thought process')",
                  n(s.cotEvents), n(s.events), pct(share))
              : null);
    }
    if (s.events >= reasoning.min) {
      double share = s.reasoningMaxEvents / (double) s.events;
      double st = reasoning.ramp(share);
      f.add(SignalIds.REASONING_MAX, CONTENT, share, reasoning.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) ask for maximum reasoning effort or thinking budget (e.g. %s)",
                  n(s.reasoningMaxEvents), n(s.events), pct(share), s.reasoningExample)
              : null);
    }
    if (s.prompts >= rubric.min) {
      double share = s.rubricEvents / (double) s.prompts;
      double st = rubric.ramp(share);
      f.add(SignalIds.RUBRIC_GRADING, CONTENT, share, rubric.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s prompts (%s) ask to grade, score or compare responses (phrases such as 'rubric', 'rate the response', 'which response')",
                  n(s.rubricEvents), n(s.prompts), pct(share))
              : null);
    }
    if (s.events >= tools.min) {
      double share = s.toolEvents / (double) s.events;
      double st = tools.ramp(share);
      f.add(SignalIds.TOOL_TRACE, CONTENT, share, tools.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) carry tool definitions or tool calls; %s carry tool-call or tool-result traces",
                  n(s.toolEvents), n(s.events), pct(share), n(s.toolResultEvents))
              : null);
    }
    if (s.prompts >= sampling.min) {
      double distinct = Math.min(s.prompts, s.distinctPrompts.estimate());
      double resent = 1 - distinct / s.prompts;
      double multi = s.nKnown == 0 ? 0 : s.nMultiEvents / (double) s.events;
      double value = Math.max(resent, multi);
      double st = sampling.ramp(value);
      f.add(SignalIds.REPEATED_SAMPLING, CONTENT, value, sampling.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests ask for several samples (n>1, up to n=%d); about %s distinct prompts among %s (%s resent)",
                  n(s.nMultiEvents), n(s.events), s.maxN, n(distinct), n(s.prompts), pct(Math.max(0, resent)))
              : null);
    }
    if (s.events >= logprobs.min) {
      double share = s.logprobsEvents / (double) s.events;
      double st = logprobs.ramp(share);
      f.add(SignalIds.LOGPROBS, CONTENT, share, logprobs.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) ask for token log-probabilities (top_logprobs up to %d)",
                  n(s.logprobsEvents), n(s.events), pct(share), s.maxTopLogprobs)
              : null);
    }
  }

  // ---- timing --------------------------------------------------------------------------------

  private void releasePivot(AccountState s, Findings f) {
    if (s.events < pivot.min || s.models.length == 0) {
      return;
    }
    double best = 0;
    int bestI = -1;
    double bestHours = 0;
    for (int i = 0; i < s.models.length; i++) {
      Long released = ctx.releaseTime(s.models[i]);
      if (released == null || s.modelFirstTs[i] < released) {
        continue;
      }
      double share = s.modelCounts[i] / (double) s.events;
      if (share < pivotMinShare) {
        continue;
      }
      double hours = (s.modelFirstTs[i] - released) / HOUR;
      double st = pivot.ramp(hours);
      if (st > best) {
        best = st;
        bestI = i;
        bestHours = hours;
      }
    }
    if (bestI >= 0) {
      int i = bestI;
      var info = ctx.model(s.models[i]);
      String source = info != null && info.releasedAt != null ? "models file" : "first appearance in the traffic";
      f.add(SignalIds.RELEASE_PIVOT, CONTEXT, bestHours, pivot.weight * best,
          f.evidence
              ? fmt("first request on %s %.1f h after its release (%s, %s); %s of the account's %s requests went to it",
                  s.models[i], bestHours, Instant.ofEpochMilli(ctx.releaseTime(s.models[i])), source,
                  pct(s.modelCounts[i] / (double) s.events), n(s.events))
              : null);
    }
  }

  // ---- infrastructure ------------------------------------------------------------------------

  private void infrastructure(AccountState s, Findings f) {
    if (ctx.ipIntel() != null && s.ipIntelEvents >= datacenter.min) {
      double share = s.datacenterEvents / (double) s.ipIntelEvents;
      double st = datacenter.ramp(share);
      f.add(SignalIds.DATACENTER_EGRESS, CONTEXT, share, datacenter.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) came from datacenter or cloud addresses; network prefixes seen: %s, e.g. %s",
                  n(s.datacenterEvents), n(s.ipIntelEvents), pct(share), prefixCount(s), prefixes(s))
              : null);
    }
    if (ctx.ipIntel() != null && s.ipIntelEvents >= anonymizer.min) {
      double strong = s.vpnEvents + s.torEvents + s.proxyEvents;
      double share = (strong + relayFactor * s.relayEvents) / s.ipIntelEvents;
      double st = anonymizer.ramp(share);
      f.add(SignalIds.ANONYMIZER, CONTEXT, share, anonymizer.weight * st,
          f.evidence && st > 0
              ? fmt("of %s requests, %s came through VPNs, %s through Tor, %s through proxies and %s through privacy relays (relays count %.1f): weighted share %s",
                  n(s.ipIntelEvents), n(s.vpnEvents), n(s.torEvents), n(s.proxyEvents), n(s.relayEvents),
                  relayFactor, pct(share))
              : null);
    }
    if (s.clientKnownEvents >= mismatch.min) {
      double share = s.clientMismatchEvents / (double) s.clientKnownEvents;
      double st = mismatch.ramp(share);
      f.add(SignalIds.CLIENT_MISMATCH, CONTEXT, share, mismatch.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests with a recognisable client (%s) do not match their TLS fingerprint; e.g. %s",
                  n(s.clientMismatchEvents), n(s.clientKnownEvents), pct(share), s.clientMismatchExample)
              : null);
    }
  }

  private static String prefixCount(AccountState s) {
    int seen = s.ipPrefixes.seen();
    return s.ipPrefixes.full() ? "at least " + n(seen) : n(seen);
  }

  private static String prefixes(AccountState s) {
    List<String> p = s.ipPrefixes.items();
    return String.join(", ", p.subList(0, Math.min(3, p.size())));
  }

  // ---- account -------------------------------------------------------------------------------

  private void account(AccountState s, Findings f) {
    AccountInfo a = ctx.account(s.account());
    if (a == null) {
      return;
    }
    if (a.createdAt != null && s.events >= fresh.min && s.events > 0) {
      double ageDays = (s.firstTs - a.createdAt) / DAY;
      double st = fresh.ramp(ageDays);
      f.add(SignalIds.FRESH, CONTEXT, ageDays, fresh.weight * st,
          f.evidence && st > 0
              ? fmt("account created %s, %.1f days before its first request in this traffic",
                  Instant.ofEpochMilli(a.createdAt), Math.max(0, ageDays))
              : null);
    }
    if (a.signupPath != null && s.events >= signup.min) {
      String path = a.signupPath.strip().toLowerCase(Locale.ROOT);
      double risk = Math.max(0, Math.min(1, ctx.config().get(SignalIds.SIGNUP_PATH + ".risk." + path, 0)));
      f.add(SignalIds.SIGNUP_PATH, CONTEXT, risk, signup.weight * risk,
          f.evidence && risk > 0
              ? fmt("signed up through the '%s' path (risk %.1f: credit programmes are a common route for throw-away capacity)", path, risk)
              : null);
    }
    String domain = a.effectiveEmailDomain();
    String listed = DisposableDomains.match(domain);
    if (listed != null && s.events >= disposable.min) {
      f.add(SignalIds.DISPOSABLE_EMAIL, CONTEXT, 1.0, disposable.weight,
          f.evidence ? fmt("e-mail domain %s is on the shipped disposable-mail list (%s)", domain, listed) : null);
    }
    throwawayVolume(s, f, a, domain, listed != null);
  }

  /**
   * Requests per day, judged against how little the account has at stake: its age, verification,
   * payment history and e-mail class, each a risk in [0,1] (unknown counts half), averaged.
   */
  private void throwawayVolume(AccountState s, Findings f, AccountInfo a, String domain, boolean disposableMail) {
    if (s.events < throwaway.min) {
      return;
    }
    double perDay = s.events / spanDays(s);
    double ageDays = a.createdAt == null ? Double.NaN : (s.firstTs - a.createdAt) / DAY;
    double age = a.createdAt == null ? 0.5 : throwawayAge.ramp(ageDays);
    double unverified = a.verified == null ? 0.5 : a.verified ? 0 : 1;
    boolean paid = a.paymentFp != null || !s.paymentFps.items().isEmpty();
    double unpaid = paid ? 0 : 1;
    double mail = disposableMail ? 1 : domain == null ? 0.5 : FreeMail.isFree(domain) ? 0.5 : 0;
    double risk = (age + unverified + unpaid + mail) / 4;
    double st = throwaway.ramp(perDay) * risk;
    f.add(SignalIds.THROWAWAY_VOLUME, Scorer.Kind.UNCAPPED, perDay, throwaway.weight * st,
        f.evidence && st > 0
            ? fmt("%s requests per day from an account with little at stake (risk %.2f: %s, %s, %s, %s)",
                n(Math.round(perDay)), risk,
                a.createdAt == null ? "age unknown" : fmt("%.1f days old", Math.max(0, ageDays)),
                a.verified == null ? "verification unknown" : a.verified ? "verified" : "unverified",
                paid ? "has a payment method" : "no payment method",
                disposableMail ? "disposable e-mail" : domain == null ? "e-mail unknown"
                    : FreeMail.isFree(domain) ? "free webmail" : "own e-mail domain")
            : null);
  }

  // ---- dampers -------------------------------------------------------------------------------

  private void dampers(AccountState s, Findings f) {
    if (s.prompts >= benchmark.min) {
      double layout = s.benchLayoutEvents / (double) s.prompts;
      double temp0 = s.events == 0 ? 0 : s.temp0Events / (double) s.events;
      double st = Math.min(1, 0.7 * benchmark.ramp(layout) + 0.3 * benchmarkTemp0.ramp(temp0));
      f.add(SignalIds.BENCHMARK, DAMPER, layout, benchmark.weight * st,
          f.evidence && st > 0
              ? fmt("evaluation-style traffic: %s of %s prompts (%s) use a standard benchmark layout (multiple choice ending in 'Answer:', few-shot 'Q:'/'A:'); %s of %s requests at temperature 0",
                  n(s.benchLayoutEvents), n(s.prompts), pct(layout), n(s.temp0Events), n(s.events))
              : null);
    }
    if (s.events >= observed.min) {
      double share = s.historyObserved / (double) s.events;
      // an account that also sends fabricated histories earns the benefit only for its honest share
      double honest = s.historyJudged == 0 ? 1 : s.historyObserved / (double) s.historyJudged;
      double st = observed.ramp(share) * honest;
      f.add(SignalIds.OBSERVED_CONVERSATION, DAMPER, share, observed.weight * st,
          f.evidence && st > 0
              ? fmt("%s of %s requests (%s) continue a conversation whose earlier turn this account sent as an"
                      + " earlier request", n(s.historyObserved), n(s.events), pct(share))
              : null);
    }
    AccountInfo a = ctx.account(s.account());
    if (a != null && Boolean.TRUE.equals(a.verified) && a.signupPath != null
        && a.signupPath.strip().equalsIgnoreCase("enterprise") && s.events >= verified.min) {
      f.add(SignalIds.VERIFIED_ORG, DAMPER, 1.0, verified.weight,
          f.evidence
              ? "verified enterprise account" + (a.orgName != null ? " (" + a.orgName + ")" : "")
              : null);
    }
  }

  // ---- formatting ----------------------------------------------------------------------------

  // Evidence sentences are formatted only when read (DeferredText): a run explains an account far
  // more often than it shows the explanation, and formatting was most of the cost of explaining.

  static DeferredText fmt(String format, Object... args) {
    return new DeferredText(format, args);
  }

  /** {@code String.format(Locale.ROOT, "%,d", Math.round(v))}, without the format parser. */
  static String n(double v) {
    String digits = Long.toString(Math.round(v));
    int sign = digits.charAt(0) == '-' ? 1 : 0;
    int len = digits.length() - sign;
    if (len <= 3) {
      return digits;
    }
    StringBuilder b = new StringBuilder(digits.length() + len / 3);
    b.append(digits, 0, sign);
    int first = len % 3 == 0 ? 3 : len % 3;
    b.append(digits, sign, sign + first);
    for (int i = sign + first; i < digits.length(); i += 3) {
      b.append(',').append(digits, i, i + 3);
    }
    return b.toString();
  }

  /** {@code "<1%"} or {@code String.format(Locale.ROOT, "%d%%", Math.round(share * 100))}. */
  static String pct(double share) {
    double p = share * 100;
    return p > 0 && p < 1 ? "<1%" : Math.round(p) + "%";
  }
}
