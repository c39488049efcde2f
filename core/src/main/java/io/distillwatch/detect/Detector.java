package io.distillwatch.detect;

import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ipintel.IpCategory;
import io.distillwatch.ipintel.IpInfo;
import io.distillwatch.ipintel.IpIntel;
import io.distillwatch.template.Hash64;
import io.distillwatch.template.NormalizedPrompt;
import io.distillwatch.template.PromptNormalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The per-account rules: folds events into {@link AccountState} and scores it. Pure (no I/O, no
 * clocks); the Flink job calls it. Thread-safe: scratch buffers are per thread; a state must only be
 * updated by one thread at a time. Signals and the score formula: docs/scoring.md.
 */
public final class Detector {
  private final DetectionContext context;
  private final Scorer scorer;
  private final double thinkingBudgetMax;
  private final long maxGapMillis;
  private final PhraseTable purpose;
  /**
   * Prompts shorter than this many tokens (12) are never linking evidence: greetings and one-line
   * questions recur across unrelated people. Benchmark layouts are left out too.
   */
  static final int PROMPT_OVERLAP_MIN_TOKENS = 12;
  private static final PhraseTable SHIPPED_PURPOSE = PhraseTable.resource("declared-purpose.txt");

  private static final class Scratch {
    final PromptNormalizer normalizer = new PromptNormalizer();
    final int[] category = new int[PromptFeatures.CATEGORY_COUNT + 1];
    final PromptDigest digest = new PromptDigest();
    String lastSystemHex;
    long lastSystemHexOf;
    String lastUa;
    String lastTls;
    String lastClaimed;
    String lastSeen;
    String lastTlsClient;
    String lastSystem;
    long lastSystemHash;
    int lastSystemFlags;
    String lastIp;
    IpInfo lastIpInfo;
    long lastOwnAsn = -1;
    IpInfo lastOwnAsnInfo;

    IpInfo ownAsnInfo(IpIntel intel, long asn) {
      if (asn != lastOwnAsn || lastOwnAsnInfo == null) {
        lastOwnAsn = asn;
        lastOwnAsnInfo = new IpInfo(null, null, null, intel.asnCategories(asn));
      }
      return lastOwnAsnInfo;
    }
  }

  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  public Detector(DetectionContext context) {
    this.context = context;
    this.scorer = new Scorer(context);
    DetectionConfig c = context.config();
    this.thinkingBudgetMax = c.get("elicitation.reasoning_max.thinking_budget");
    this.maxGapMillis = (long) (c.get("automation.interarrival_regularity.max_gap_seconds") * 1000);
    String phrases = c.file(SignalIds.DECLARED_PURPOSE + ".phrases");
    this.purpose = phrases == null ? SHIPPED_PURPOSE : PhraseTable.file(java.nio.file.Path.of(phrases));
  }

  public DetectionContext context() {
    return context;
  }

  public AccountState newState(String account) {
    return new AccountState(account);
  }

  /** Folds one event into the account's state. Events should arrive in event-time order. */
  public void update(AccountState s, UsageEvent e) {
    Scratch x = scratch.get();
    digest(e, x.digest, x);
    fold(s, e, x.digest, x);
  }

  private void fold(AccountState s, UsageEvent e, PromptDigest digest, Scratch x) {
    long ts = e.ts;
    s.events++;
    s.firstTs = Math.min(s.firstTs, ts);
    s.lastTs = Math.max(s.lastTs, ts);
    s.activity.add(ts);
    s.hourOfDay[(int) Math.floorMod(ts / 3_600_000L, 24L)]++;
    if (s.lastArrival != Long.MIN_VALUE) {
      long gap = ts - s.lastArrival;
      if (gap >= 0 && gap <= maxGapMillis) {
        double g = gap / 1000.0;
        s.gapN++;
        double d = g - s.gapMean;
        s.gapMean += d / s.gapN;
        s.gapM2 += d * (g - s.gapMean);
      }
    }
    s.lastArrival = Math.max(s.lastArrival, ts);
    concurrency(s, e);
    if (e.isMultiTurn()) {
      s.multiTurnEvents++;
    }
    conversation(s, e);
    prompt(s, digest, x);
    params(s, e);
    usage(s, e);
    infrastructure(s, e, x);
    model(s, e);
  }

  /**
   * Was the turn this request continues sent before, by this account (or, in the cluster pass, its
   * cluster)? Checked before the request's own turn is remembered.
   */
  private static void conversation(AccountState s, UsageEvent e) {
    if (e.turnKey == 0 && e.priorTurnKey == 0) {
      return;
    }
    if (s.conversations == null) {
      s.conversations = new ConversationSketch();
    }
    if (e.priorTurnKey != 0) {
      boolean seen = s.conversations.contains(e.priorTurnKey);
      s.historyJudged++;
      s.historyObserved += seen ? 1 : 0;
      if (e.toolUseBlocks > 0) {
        // a tool call in the history is the model's own output: a genuine agent loop received it as
        // the answer to an earlier request of this account
        s.toolHistoryJudged++;
        s.toolHistoryObserved += seen ? 1 : 0;
      }
    }
    if (e.turnKey != 0) {
      s.conversations.add(e.turnKey);
    }
  }

  private static void concurrency(AccountState s, UsageEvent e) {
    if (e.latencyMs == null) {
      return;
    }
    if (s.inflightEnds == null) {
      s.inflightEnds = new long[AccountState.INFLIGHT_SLOTS];
    }
    int inflight = 0;
    int oldest = 0;
    for (int i = 0; i < s.inflightEnds.length; i++) {
      if (s.inflightEnds[i] > e.ts) {
        inflight++;
      }
      if (s.inflightEnds[i] < s.inflightEnds[oldest]) {
        oldest = i;
      }
    }
    s.timedEvents++;
    s.inflightSum += inflight;
    if (inflight > 0) {
      s.overlapEvents++;
    }
    s.maxInflight = Math.max(s.maxInflight, inflight);
    s.inflightEnds[oldest] = e.ts + e.latencyMs;
  }

  /**
   * The prompt work of {@link #update} for one event, to fold later (and elsewhere) with {@link
   * #update(AccountState, UsageEvent, PromptDigest)}: a new digest, independent of this thread.
   */
  public PromptDigest digest(UsageEvent e) {
    PromptDigest d = new PromptDigest();
    digest(e, d, scratch.get());
    d.detach();
    return d;
  }

  /**
   * Folds an event whose prompt texts were already digested (its {@code system} and {@code userText}
   * are not read): the same state as {@link #update(AccountState, UsageEvent)} on the original event.
   */
  public void update(AccountState s, UsageEvent e, PromptDigest d) {
    fold(s, e, d, scratch.get());
  }

  private void digest(UsageEvent e, PromptDigest d, Scratch x) {
    d.clear();
    if (e.system != null && !e.system.isEmpty()) {
      if (!e.system.equals(x.lastSystem)) {
        x.lastSystem = e.system;
        x.lastSystemHash = Hash64.fingerprint(e.system, 0x535953L);
        NormalizedPrompt sp = x.normalizer.normalize(e.system);
        x.lastSystemFlags = PromptFeatures.scan(sp, x.category, null)
            | (purpose.find(sp) >= 0 ? PromptFeatures.DECLARED_PURPOSE : 0);
      }
      d.hasSystem = true;
      d.systemHash = x.lastSystemHash;
      d.systemFlags = x.lastSystemFlags;
    }
    NormalizedPrompt p = x.normalizer.normalize(e.userText);
    if (p.isEmpty()) {
      return;
    }
    d.empty = false;
    d.fingerprint = Hash64.fingerprint(e.userText, 0x50524fL);
    d.flags = PromptFeatures.scan(p, x.category, d) | (purpose.find(p) >= 0 ? PromptFeatures.DECLARED_PURPOSE : 0);
    if (p.tokenCount() >= PROMPT_OVERLAP_MIN_TOKENS) {
      d.flags |= PromptFeatures.SUBSTANTIVE;
    }
    d.category = x.category[0];
    d.headKey = p.headKey();
    d.tailKey = p.tailKey();
    d.examplesFrom(p);
  }

  private void prompt(AccountState s, PromptDigest d, Scratch x) {
    int systemFlags = 0;
    if (d.hasSystem) {
      if (x.lastSystemHex == null || d.systemHash != x.lastSystemHexOf) {
        x.lastSystemHexOf = d.systemHash;
        x.lastSystemHex = String.format(Locale.ROOT, "%016x", d.systemHash);
      }
      systemFlags = d.systemFlags;
      s.systemPrompts.add(x.lastSystemHex);
    }
    if (d.empty) {
      if ((systemFlags & PromptFeatures.COT) != 0) {
        s.cotEvents++;
      }
      if ((systemFlags & PromptFeatures.DECLARED_PURPOSE) != 0) {
        s.purposeEvents++;
      }
      return;
    }
    s.prompts++;
    s.distinctPrompts.add(d.fingerprint);
    if (d.unresolved()) {
      throw new IllegalStateException("a relatively encoded digest must be restored (PromptDigest.Chain) before it is folded");
    }
    for (int i = 0; i < d.wordCount; i++) {
      if (d.wordsAreRegisters) {
        s.vocabulary.addRegister((int) d.words[i]);
      } else {
        s.vocabulary.add(d.words[i]);
      }
    }
    int flags = d.flags | systemFlags;
    if ((flags & PromptFeatures.COT) != 0) {
      s.cotEvents++;
    }
    if ((flags & PromptFeatures.RUBRIC) != 0) {
      s.rubricEvents++;
    }
    if ((flags & PromptFeatures.DECLARED_PURPOSE) != 0) {
      s.purposeEvents++;
    }
    if ((flags & PromptFeatures.BENCH_LAYOUT) != 0) {
      s.benchLayoutEvents++;
    }
    s.categories[d.category]++;
    if ((d.flags & PromptFeatures.SUBSTANTIVE) != 0 && (flags & PromptFeatures.BENCH_LAYOUT) == 0) {
      s.promptSample.offer(d.fingerprint);
    }
    int h = s.heads.offer(d.headKey);
    if (s.heads.wantsExample(h)) {
      s.heads.example(h, d.headExample());
    }
    int t = s.tails.offer(d.tailKey);
    if (s.tails.wantsExample(t)) {
      s.tails.example(t, d.tailExample());
    }
  }

  private void params(AccountState s, UsageEvent e) {
    if (e.temperature != null) {
      s.tempKnown++;
      if (e.temperature == 0.0) {
        s.temp0Events++;
      }
    }
    boolean maxEffort = e.reasoningEffort != null && isMaxEffort(e.reasoningEffort);
    boolean maxBudget = e.thinkingBudget != null && e.thinkingBudget >= thinkingBudgetMax;
    if (maxEffort || maxBudget) {
      s.reasoningMaxEvents++;
      if (s.reasoningExample == null) {
        s.reasoningExample =
            maxEffort
                ? "reasoning_effort=" + e.reasoningEffort.toLowerCase(Locale.ROOT)
                : "thinking_budget=" + e.thinkingBudget;
      }
    }
    if (e.maxTokens != null) {
      var m = context.model(e.model);
      int limit = m != null && m.maxOutputTokens != null ? m.maxOutputTokens : 0;
      if (limit > 0) {
        s.maxTokensKnown++;
        if (e.maxTokens >= limit) {
          s.maxTokensPinned++;
        }
      } else {
        // a model the table does not know: above every known model's limit is above its limit too
        limit = context.largestOutputLimit();
      }
      if (limit > 0) {
        s.maxTokensJudged++;
        if (e.maxTokens > limit) {
          s.maxTokensOverlimit++;
          s.maxTokensAsked = Math.max(s.maxTokensAsked, e.maxTokens);
        }
      }
    }
    if (e.n != null) {
      s.nKnown++;
      if (e.n > 1) {
        s.nMultiEvents++;
        s.maxN = Math.max(s.maxN, e.n);
      }
    }
    int top = e.topLogprobs == null ? 0 : e.topLogprobs;
    if (Boolean.TRUE.equals(e.logprobs) || top > 0) {
      s.logprobsEvents++;
      s.maxTopLogprobs = Math.max(s.maxTopLogprobs, top);
    }
    if ((e.tools != null && e.tools > 0) || e.toolUseBlocks > 0 || e.toolResultBlocks > 0) {
      s.toolEvents++;
      if (e.toolResultBlocks > 0 || e.toolUseBlocks > 0) {
        s.toolResultEvents++;
      }
    }
  }

  static boolean isMaxEffort(String effort) {
    String v = effort.trim().toLowerCase(Locale.ROOT);
    return v.equals("high") || v.equals("max") || v.equals("xhigh") || v.equals("maximum");
  }

  private static void usage(AccountState s, UsageEvent e) {
    if (e.outputTokens != null) {
      s.outputEvents++;
      s.outputTokens += e.outputTokens;
      if (e.inputTokens != null && e.inputTokens > 0) {
        s.ratioEvents++;
        s.ratioIn += e.inputTokens;
        s.ratioOut += e.outputTokens;
      }
    }
  }

  private void infrastructure(AccountState s, UsageEvent e, Scratch x) {
    if (e.paymentFp != null) {
      s.paymentFps.add(e.paymentFp);
    }
    if (e.tlsFp != null && e.userAgent == null) {
      s.tlsFps.add(e.tlsFp);
    }
    if (e.tlsFp != null && e.userAgent != null) {
      if (!e.userAgent.equals(x.lastUa) || !e.tlsFp.equals(x.lastTls)) {
        ClientFingerprints cf = ClientFingerprints.shipped();
        x.lastUa = e.userAgent;
        x.lastTls = e.tlsFp;
        x.lastClaimed = cf.uaFamily(e.userAgent);
        x.lastSeen = x.lastClaimed == null ? null : cf.tlsFamily(e.tlsFp);
        x.lastTlsClient = e.tlsFp + " " + (x.lastClaimed != null ? x.lastClaimed : productToken(e.userAgent));
      }
      // Linking evidence: the TLS stack together with the client the user agent claims.
      s.tlsFps.add(x.lastTlsClient);
      String claimed = x.lastClaimed;
      String seen = x.lastSeen;
      if (claimed != null && seen != null) {
        s.clientKnownEvents++;
        if (!claimed.equals(seen)) {
          s.clientMismatchEvents++;
          if (s.clientMismatchExample == null) {
            s.clientMismatchExample =
                "user agent claims a " + claimed + " ('" + cut(e.userAgent, 40)
                    + "') but the TLS fingerprint " + cut(e.tlsFp, 40) + " is a " + seen + "'s";
          }
        }
      }
    }
    if (e.ip == null) {
      if (e.asn != null) {
        s.asns.add(Long.toString(e.asn));
      }
      return;
    }
    s.ipEvents++;
    s.ips.add(e.ip);
    s.ipPrefixes.add(IpPrefixes.prefix(e.ip));
    IpIntel intel = context.ipIntel();
    Long asn = e.asn;
    if (intel != null) {
      IpInfo info;
      if (e.ip.equals(x.lastIp)) {
        info = x.lastIpInfo;
      } else {
        info = intel.lookup(e.ip);
        x.lastIp = e.ip;
        x.lastIpInfo = info;
      }
      s.ipIntelEvents++;
      if (info.asn() == null && !info.hasCategory() && e.asn != null) {
        // the address is in no known range: the event's own ASN is checked against the ASN lists
        info = x.ownAsnInfo(intel, e.asn);
      }
      if (info.is(IpCategory.DATACENTER) || info.is(IpCategory.CLOUD)) {
        s.datacenterEvents++;
      }
      if (info.is(IpCategory.VPN)) {
        s.vpnEvents++;
      } else if (info.is(IpCategory.TOR_EXIT)) {
        s.torEvents++;
      } else if (info.is(IpCategory.PROXY)) {
        s.proxyEvents++;
      } else if (info.is(IpCategory.PRIVACY_RELAY)) {
        s.relayEvents++;
      }
      if (info.asn() != null) {
        asn = info.asn();
      }
    }
    if (asn != null) {
      s.asns.add(Long.toString(asn));
    }
  }

  /** The product a user agent names first ({@code python-httpx} of {@code python-httpx/0.27.2}), lower case. */
  static String productToken(String userAgent) {
    String t = userAgent.strip();
    int end = 0;
    while (end < t.length() && end < 40 && t.charAt(end) != '/' && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return end == 0 ? "unknown-client" : t.substring(0, end).toLowerCase(java.util.Locale.ROOT);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static void model(AccountState s, UsageEvent e) {
    if (e.model == null) {
      return;
    }
    for (int i = 0; i < s.models.length; i++) {
      if (s.models[i].equals(e.model)) {
        s.modelCounts[i]++;
        s.modelFirstTs[i] = Math.min(s.modelFirstTs[i], e.ts);
        return;
      }
    }
    if (s.models.length < AccountState.MODEL_CAP) {
      int n = s.models.length + 1;
      s.models = java.util.Arrays.copyOf(s.models, n);
      s.modelFirstTs = java.util.Arrays.copyOf(s.modelFirstTs, n);
      s.modelCounts = java.util.Arrays.copyOf(s.modelCounts, n);
      s.models[n - 1] = e.model;
      s.modelFirstTs[n - 1] = e.ts;
      s.modelCounts[n - 1] = 1;
    } else {
      s.otherModelEvents++;
    }
  }

  /** Cheap: score and verdict, no evidence text. Called after every event. */
  public Assessment assess(AccountState state) {
    return scorer.assess(state);
  }

  /** The non-zero signals with evidence sentences, consistent with {@link #assess}. */
  public List<Signal> explain(AccountState state) {
    return scorer.explain(state);
  }

  /** What {@link #explain} would return, with the formatting of its sentences left until it is read. */
  public Explanation explanation(AccountState state) {
    return scorer.explanation(state);
  }

  /** Signal ids skipped for the whole run because their input (e.g. IP intelligence) is absent. */
  public Set<String> skippedSignals() {
    return scorer.skippedSignals();
  }
}
