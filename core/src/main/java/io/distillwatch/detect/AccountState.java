package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded per-account state folded by {@link Detector#update}: counters, small fixed histograms,
 * Welford statistics, Space-Saving top-k templates with an example skeleton each, HyperLogLog distinct
 * counters and capped identifier sets. Size does not grow with traffic: about 2.5 KB of heap for a light account,
 * about 3.5 KB with every top-k and set full (see docs/signals.md, "Per-account state").
 *
 * <p>For the clustering work: {@link #topTemplates()} (template keys and skeletons), {@link
 * #ipPrefixes()}, {@link #asns()}, {@link #tlsFingerprints()}, {@link #paymentFingerprints()}, {@link
 * #systemPromptHashes()} and {@link #activity()} expose linkable values, each capped as documented.
 *
 * <p>Not thread-safe. {@link #write}/{@link #read} form a versioned binary codec for checkpoints.
 */
public final class AccountState {
  /**
   * 2 adds exact IPs; 3 adds the counters of the issue-14 signals (max_tokens over the limit, declared
   * purpose, observed and fabricated conversation history). Older states still read (with those empty).
   */
  static final byte VERSION = 3;
  /** Top-k capacities: head (first-sentence) templates and tail (last-sentence) templates. */
  static final int HEAD_K = 16;
  static final int TAIL_K = 8;
  static final int IP_PREFIX_CAP = 16;
  static final int IP_CAP = 16;
  static final int ASN_CAP = 8;
  static final int TLS_CAP = 8;
  static final int PAYMENT_CAP = 4;
  static final int SYSTEM_CAP = 4;
  static final int MODEL_CAP = 8;
  /** Requests tracked for overlap; concurrency above this is counted as this. */
  static final int INFLIGHT_SLOTS = 16;

  final String account;
  long events;
  long firstTs = Long.MAX_VALUE;
  long lastTs = Long.MIN_VALUE;
  long lastArrival = Long.MIN_VALUE;

  final ActivityCounter activity;
  final int[] hourOfDay;

  // inter-arrival Welford over gaps in seconds (gaps above the configured maximum are pauses)
  long gapN;
  double gapMean;
  double gapM2;

  // concurrency: end times of the most recent timed requests
  /** Allocated on the first event with a latency. */
  long[] inflightEnds;
  long timedEvents;
  long overlapEvents;
  long inflightSum;
  int maxInflight;

  long multiTurnEvents;
  long prompts;
  long cotEvents;
  long rubricEvents;
  long benchLayoutEvents;
  final int[] categories;
  final TopK heads;
  final TopK tails;
  final Hll distinctPrompts;
  final Hll vocabulary;

  long tempKnown;
  long temp0Events;
  long reasoningMaxEvents;
  String reasoningExample;
  long maxTokensKnown;
  long maxTokensPinned;
  /** Requests with max_tokens and a known limit (their model's, else the largest in the table). */
  long maxTokensJudged;
  long maxTokensOverlimit;
  int maxTokensAsked;
  /** Requests whose prompt or system prompt declares a dataset/training purpose (phrase table). */
  long purposeEvents;
  /** Requests carrying an assistant turn (a prior turn to check), and how many of those were observed. */
  long historyJudged;
  long historyObserved;
  /** Of those, requests whose earlier turns hold the model's tool calls, and how many were observed. */
  long toolHistoryJudged;
  long toolHistoryObserved;
  /** Allocated on the first request with a conversation key. */
  ConversationSketch conversations;
  /** Substantive prompts sampled for {@code prompt_overlap} linking. */
  PromptSample promptSample = new PromptSample();
  long nKnown;
  long nMultiEvents;
  int maxN;
  long logprobsEvents;
  int maxTopLogprobs;
  long toolEvents;
  long toolResultEvents;

  long outputEvents;
  long outputTokens;
  long ratioEvents;
  long ratioIn;
  long ratioOut;

  long ipEvents;
  long ipIntelEvents;
  long datacenterEvents;
  long vpnEvents;
  long torEvents;
  long proxyEvents;
  long relayEvents;
  long clientKnownEvents;
  long clientMismatchEvents;
  String clientMismatchExample;

  final CappedSet ipPrefixes;
  CappedSet ips;
  final CappedSet asns;
  final CappedSet tlsFps;
  final CappedSet paymentFps;
  final CappedSet systemPrompts;

  // models: first use and count per model, capped; the rest counts in otherModelEvents
  String[] models = new String[0];
  long[] modelFirstTs = new long[0];
  long[] modelCounts = new long[0];
  long otherModelEvents;

  AccountState(String account) {
    this.account = account;
    this.activity = new ActivityCounter();
    this.hourOfDay = new int[24];
    this.categories = new int[PromptFeatures.CATEGORY_COUNT];
    this.heads = new TopK(HEAD_K);
    this.tails = new TopK(TAIL_K);
    this.distinctPrompts = new Hll();
    this.vocabulary = new Hll();
    this.ipPrefixes = new CappedSet(IP_PREFIX_CAP);
    this.ips = new CappedSet(IP_CAP);
    this.asns = new CappedSet(ASN_CAP);
    this.tlsFps = new CappedSet(TLS_CAP);
    this.paymentFps = new CappedSet(PAYMENT_CAP);
    this.systemPrompts = new CappedSet(SYSTEM_CAP);
  }

  private AccountState(String account, DataInput in, int version) throws IOException {
    this.account = account;
    events = in.readLong();
    firstTs = in.readLong();
    lastTs = in.readLong();
    lastArrival = in.readLong();
    activity = ActivityCounter.read(in);
    hourOfDay = readInts(in, 24);
    gapN = in.readLong();
    gapMean = in.readDouble();
    gapM2 = in.readDouble();
    if (in.readBoolean()) {
      inflightEnds = new long[INFLIGHT_SLOTS];
      for (int i = 0; i < inflightEnds.length; i++) {
        inflightEnds[i] = in.readLong();
      }
    }
    timedEvents = in.readLong();
    overlapEvents = in.readLong();
    inflightSum = in.readLong();
    maxInflight = in.readInt();
    multiTurnEvents = in.readLong();
    prompts = in.readLong();
    cotEvents = in.readLong();
    rubricEvents = in.readLong();
    benchLayoutEvents = in.readLong();
    categories = readInts(in, PromptFeatures.CATEGORY_COUNT);
    heads = TopK.read(in);
    tails = TopK.read(in);
    distinctPrompts = Hll.read(in);
    vocabulary = Hll.read(in);
    tempKnown = in.readLong();
    temp0Events = in.readLong();
    reasoningMaxEvents = in.readLong();
    reasoningExample = Codec.readString(in);
    maxTokensKnown = in.readLong();
    maxTokensPinned = in.readLong();
    nKnown = in.readLong();
    nMultiEvents = in.readLong();
    maxN = in.readInt();
    logprobsEvents = in.readLong();
    maxTopLogprobs = in.readInt();
    toolEvents = in.readLong();
    toolResultEvents = in.readLong();
    outputEvents = in.readLong();
    outputTokens = in.readLong();
    ratioEvents = in.readLong();
    ratioIn = in.readLong();
    ratioOut = in.readLong();
    ipEvents = in.readLong();
    ipIntelEvents = in.readLong();
    datacenterEvents = in.readLong();
    vpnEvents = in.readLong();
    torEvents = in.readLong();
    proxyEvents = in.readLong();
    relayEvents = in.readLong();
    clientKnownEvents = in.readLong();
    clientMismatchEvents = in.readLong();
    clientMismatchExample = Codec.readString(in);
    ipPrefixes = CappedSet.read(in, IP_PREFIX_CAP);
    asns = CappedSet.read(in, ASN_CAP);
    tlsFps = CappedSet.read(in, TLS_CAP);
    paymentFps = CappedSet.read(in, PAYMENT_CAP);
    systemPrompts = CappedSet.read(in, SYSTEM_CAP);
    int m = Codec.readCount(in, MODEL_CAP, "model");
    models = new String[m];
    modelFirstTs = new long[m];
    modelCounts = new long[m];
    for (int i = 0; i < m; i++) {
      models[i] = Codec.readString(in);
      modelFirstTs[i] = in.readLong();
      modelCounts[i] = in.readLong();
    }
    otherModelEvents = in.readLong();
    ips = version >= 2 ? CappedSet.read(in, IP_CAP) : new CappedSet(IP_CAP);
    if (version >= 3) {
      maxTokensJudged = in.readLong();
      maxTokensOverlimit = in.readLong();
      maxTokensAsked = in.readInt();
      purposeEvents = in.readLong();
      historyJudged = in.readLong();
      historyObserved = in.readLong();
      toolHistoryJudged = in.readLong();
      toolHistoryObserved = in.readLong();
      conversations = in.readBoolean() ? ConversationSketch.read(in) : null;
      promptSample = PromptSample.read(in);
    }
  }

  public String account() {
    return account;
  }

  public long events() {
    return events;
  }

  /** Event time of the first event, epoch ms, or {@link Long#MAX_VALUE} before any. */
  public long firstEventMillis() {
    return firstTs;
  }

  /** Event time of the last event, epoch ms, or {@link Long#MIN_VALUE} before any. */
  public long lastEventMillis() {
    return lastTs;
  }

  /** Request counts over time (at most 336 buckets, see {@link Activity}). */
  public Activity activity() {
    return activity.snapshot();
  }

  /** A template the account uses often: its 64-bit key, a guaranteed count, an example skeleton. */
  public record TemplateCount(String kind, long key, long count, String skeleton) {}

  /**
   * Up to 16 head templates and 8 tail templates by count (Space-Saving; counts are guaranteed lower
   * bounds; {@code skeleton} is null for a template seen only once). {@code kind} is {@code head} or {@code tail}; keys come from {@link
   * io.distillwatch.template.NormalizedPrompt#headKey()}/{@code tailKey()}.
   */
  public List<TemplateCount> topTemplates() {
    List<TemplateCount> out = new ArrayList<>();
    for (int i : heads.order()) {
      out.add(new TemplateCount("head", heads.key(i), heads.guaranteed(i), heads.example(i)));
    }
    for (int i : tails.order()) {
      out.add(new TemplateCount("tail", tails.key(i), tails.guaranteed(i), tails.example(i)));
    }
    return out;
  }

  /** Up to 16 IPv4 /24 prefixes ("a.b.c.0/24") or IPv6 /48 prefixes seen first. */
  public List<String> ipPrefixes() {
    return ipPrefixes.items();
  }

  /** Up to 8 ASNs (from IP intelligence, else the event's {@code asn}). */
  public List<String> asns() {
    return asns.items();
  }

  /** Up to 16 exact IP addresses, first seen first. */
  public List<String> ips() {
    return ips.items();
  }

  /** Up to 8 TLS fingerprints, each with the client its user agent claims ({@code fp client}). */
  public List<String> tlsFingerprints() {
    return tlsFps.items();
  }

  /**
   * Up to 48 32-bit fingerprints of the account's substantive prompts (≥ 12 tokens, no benchmark
   * layout), a consistent hash sample ({@link PromptSample}): evidence for {@code prompt_overlap}.
   */
  public int[] promptSample() {
    return promptSample.values();
  }

  /**
   * How broad the account's prompts are: 0 while it sent at most 48 distinct substantive prompts,
   * then one more per doubling ({@link PromptSample}).
   */
  public int promptSampleLevel() {
    return promptSample.level();
  }

  /** Whether the prefix set is full (then the account used more prefixes than it lists). */
  public boolean ipPrefixesFull() {
    return ipPrefixes.full();
  }

  /** Up to 4 payment fingerprints seen on events. */
  public List<String> paymentFingerprints() {
    return paymentFps.items();
  }

  /** Up to 4 system-prompt hashes (16 hex digits of {@link io.distillwatch.template.Hash64#fingerprint}). */
  public List<String> systemPromptHashes() {
    return systemPrompts.items();
  }

  /** Models used (up to 8) with the first event time on each. */
  public java.util.Map<String, Long> modelFirstUse() {
    java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < models.length; i++) {
      m.put(models[i], modelFirstTs[i]);
    }
    return m;
  }

  public void write(DataOutput out) throws IOException {
    write(out, VERSION);
  }

  /** Writes the layout of an older {@code version} (fields it lacks left out): for format tests. */
  void write(DataOutput out, int version) throws IOException {
    out.writeByte(version);
    Codec.writeString(out, account);
    out.writeLong(events);
    out.writeLong(firstTs);
    out.writeLong(lastTs);
    out.writeLong(lastArrival);
    activity.write(out);
    writeInts(out, hourOfDay);
    out.writeLong(gapN);
    out.writeDouble(gapMean);
    out.writeDouble(gapM2);
    out.writeBoolean(inflightEnds != null);
    if (inflightEnds != null) {
      for (long e : inflightEnds) {
        out.writeLong(e);
      }
    }
    out.writeLong(timedEvents);
    out.writeLong(overlapEvents);
    out.writeLong(inflightSum);
    out.writeInt(maxInflight);
    out.writeLong(multiTurnEvents);
    out.writeLong(prompts);
    out.writeLong(cotEvents);
    out.writeLong(rubricEvents);
    out.writeLong(benchLayoutEvents);
    writeInts(out, categories);
    heads.write(out);
    tails.write(out);
    distinctPrompts.write(out);
    vocabulary.write(out);
    out.writeLong(tempKnown);
    out.writeLong(temp0Events);
    out.writeLong(reasoningMaxEvents);
    Codec.writeString(out, reasoningExample);
    out.writeLong(maxTokensKnown);
    out.writeLong(maxTokensPinned);
    out.writeLong(nKnown);
    out.writeLong(nMultiEvents);
    out.writeInt(maxN);
    out.writeLong(logprobsEvents);
    out.writeInt(maxTopLogprobs);
    out.writeLong(toolEvents);
    out.writeLong(toolResultEvents);
    out.writeLong(outputEvents);
    out.writeLong(outputTokens);
    out.writeLong(ratioEvents);
    out.writeLong(ratioIn);
    out.writeLong(ratioOut);
    out.writeLong(ipEvents);
    out.writeLong(ipIntelEvents);
    out.writeLong(datacenterEvents);
    out.writeLong(vpnEvents);
    out.writeLong(torEvents);
    out.writeLong(proxyEvents);
    out.writeLong(relayEvents);
    out.writeLong(clientKnownEvents);
    out.writeLong(clientMismatchEvents);
    Codec.writeString(out, clientMismatchExample);
    ipPrefixes.write(out);
    asns.write(out);
    tlsFps.write(out);
    paymentFps.write(out);
    systemPrompts.write(out);
    out.writeInt(models.length);
    for (int i = 0; i < models.length; i++) {
      Codec.writeString(out, models[i]);
      out.writeLong(modelFirstTs[i]);
      out.writeLong(modelCounts[i]);
    }
    out.writeLong(otherModelEvents);
    if (version < 2) {
      return;
    }
    ips.write(out);
    if (version < 3) {
      return;
    }
    out.writeLong(maxTokensJudged);
    out.writeLong(maxTokensOverlimit);
    out.writeInt(maxTokensAsked);
    out.writeLong(purposeEvents);
    out.writeLong(historyJudged);
    out.writeLong(historyObserved);
    out.writeLong(toolHistoryJudged);
    out.writeLong(toolHistoryObserved);
    out.writeBoolean(conversations != null);
    if (conversations != null) {
      conversations.write(out);
    }
    promptSample.write(out);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IOException on an unknown version or corrupt data
   */
  public static AccountState read(DataInput in) throws IOException {
    int version = in.readUnsignedByte();
    if (version < 1 || version > VERSION) {
      throw new IOException("unsupported account state version " + version);
    }
    String account = Codec.readString(in);
    if (account == null) {
      throw new IOException("corrupt account state: no account id");
    }
    return new AccountState(account, in, version);
  }

  private static void writeInts(DataOutput out, int[] a) throws IOException {
    out.writeInt(a.length);
    for (int v : a) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInput in, int expected) throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IOException("corrupt account state: expected " + expected + " values, got " + n);
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }
}
