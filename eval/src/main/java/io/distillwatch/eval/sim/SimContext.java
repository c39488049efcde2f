package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What a {@link Population} draws on and emits into; one per population, with its own random stream. */
final class SimContext {
  final SimConfig cfg;
  final PromptPools pools;
  final NetworkPlan net;
  final Random rnd;
  private final Population population;
  private final List<SimEvent> events;
  private final Map<String, AccountRecord> accounts;
  private final Map<String, TruthLabel> truth;
  private final Map<String, String> apiKeys;
  private int accountSeq;
  /** The variant's knobs for this population ({@link Variant.Knobs#NONE} in the frozen envelope). */
  final Variant.Knobs knobs;
  /** Draws of the variant's perturbations: a stream of its own, so the frozen draws are untouched. */
  private final Random vrnd;
  private final Map<String, Egress> variantHome = new HashMap<>();
  private List<Egress> variantEgress;
  private List<ClientProfile> variantClients;
  private List<List<PromptRecord>> genuine;

  SimContext(
      SimConfig cfg,
      PromptPools pools,
      NetworkPlan net,
      Population population,
      List<SimEvent> events,
      Map<String, AccountRecord> accounts,
      Map<String, TruthLabel> truth,
      Map<String, String> apiKeys) {
    this.cfg = cfg;
    this.pools = pools;
    this.net = net;
    this.population = population;
    this.events = events;
    this.accounts = accounts;
    this.truth = truth;
    this.apiKeys = apiKeys;
    this.rnd = new Random(mix(cfg.seed(), population.name()));
    this.knobs = cfg.variant().knobs(population.name());
    this.vrnd = new Random(mix(cfg.seed(), population.name() + "/variant-" + cfg.variant().index()));
  }

  /** An account count of this population: frozen base × scale × the variant's factor, at least {@code min}. */
  int count(int base, int min) {
    return Math.max(min, (int) Math.round(base * cfg.scale() * knobs.accounts()));
  }

  /** A per-account request rate (per day, or sessions per day) times the variant's factor. */
  double rate(double perDay) {
    return perDay * knobs.rate();
  }

  /**
   * A campaign's instruction set: the variant's source family when it sets one, else the first preferred
   * family present on this side of the split (see {@link AttackPool#choose}).
   */
  List<PromptRecord> attackSet(String... preferredFamilies) {
    if (knobs.attackFamily() != null) {
      List<PromptRecord> set = pools.byFamily("attack").get(knobs.attackFamily());
      if (set != null) {
        return set;
      }
    }
    return AttackPool.choose(pools, preferredFamilies);
  }

  void generate(Population p) {
    p.generate(this);
  }

  static long mix(long seed, String name) {
    byte[] h = sha256(seed + "/" + name);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An opaque identifier ({@code prefix} + 10 hex digits) that reveals nothing about the population. */
  String opaqueId(String prefix, String salt) {
    return prefix + HexFormat.of().formatHex(sha256(cfg.seed() + "/" + population.name() + "/" + salt), 0, 5);
  }

  /** Registers a new account with its truth label and returns its id. */
  String newAccount(
      long createdAt, String emailDomain, String orgName, String country, String paymentFp, String signupPath,
      boolean verified) {
    String id = opaqueId("acct-", "account-" + (accountSeq++));
    if (accounts.containsKey(id)) {
      throw new IllegalStateException("account id collision: " + id);
    }
    accounts.put(id, new AccountRecord(id, createdAt, emailDomain, orgName, country, paymentFp, signupPath, verified));
    String campaign = population.campaign();
    truth.put(
        id,
        new TruthLabel(campaign == null ? TruthLabel.BENIGN : TruthLabel.DISTILLATION, population.name(), campaign));
    apiKeys.put(id, opaqueId("key-", id));
    return id;
  }

  String paymentFp(String salt) {
    return opaqueId("pm-", "payment-" + salt);
  }

  /** A new event of this account at {@code ts}, carrying its API key and payment fingerprint. */
  SimEvent event(String account, long ts) {
    SimEvent e = new SimEvent();
    e.account = account;
    e.ts = ts;
    e.apiKey = apiKeys.get(account);
    e.paymentFp = accounts.get(account).paymentFp();
    return e;
  }

  /**
   * Adds an event if it falls inside the period; fills input tokens (≈ 4 characters each) and latency
   * (≈ 250 ms + 12 ms per output token) when unset.
   */
  void emit(SimEvent e) {
    if (population.campaign() != null && !cfg.variant().isDefault() && !varyCampaignEvent(e)) {
      return;
    }
    if (e.ts < cfg.startMs() || e.ts >= cfg.endMs()) {
      return;
    }
    if (e.inputTokens == 0) {
      e.inputTokens = Math.max(1, e.textChars() / 4);
    }
    if (e.latencyMs == 0) {
      long gen = e.outputTokens + (e.reasoningTokens == null ? 0 : e.reasoningTokens);
      e.latencyMs = 250 + gen * 12 + rnd.nextInt(400);
    }
    events.add(e);
  }

  /**
   * Applies a variant's campaign knobs to one event: drops it outside the active window, squeezes its
   * time of day into the active hours, replaces it by genuine chat traffic at the genuine share, and sets
   * its client and egress. Returns false when the event is dropped.
   */
  private boolean varyCampaignEvent(SimEvent e) {
    long day = Math.floorDiv(e.ts - cfg.startMs(), Parameters.DAY_MS);
    if (day < knobs.windowStartDay() || day >= (long) knobs.windowStartDay() + knobs.windowDays()) {
      return false;
    }
    if (knobs.activeHours() < 24) {
      long dayStart = cfg.startMs() + day * Parameters.DAY_MS;
      double frac = (e.ts - dayStart) / (double) Parameters.DAY_MS;
      e.ts = dayStart + knobs.activeFrom() * Parameters.HOUR_MS + (long) (frac * knobs.activeHours() * Parameters.HOUR_MS);
    }
    if (knobs.genuineShare() > 0 && vrnd.nextDouble() < knobs.genuineShare()) {
      genuineChat(e);
    }
    if (knobs.clients() > 0) {
      if (variantClients == null) {
        List<ClientProfile> all = new ArrayList<>(new java.util.LinkedHashSet<>(ClientProfile.EVERYDAY));
        all.add(ClientProfile.REQUESTS);
        java.util.Collections.shuffle(all, vrnd);
        variantClients = all.subList(0, Math.min(knobs.clients(), all.size()));
      }
      e.client = variantClients.get(Math.floorMod(e.account.hashCode(), variantClients.size()));
      e.userAgentOverride = null;
    }
    switch (knobs.infra()) {
      case RESIDENTIAL -> e.egress =
          variantHome.computeIfAbsent(e.account, a -> net.addressOf(net.pickResidentialIsp(vrnd), vrnd));
      case CLOUD -> {
        if (variantEgress == null) {
          String cloud = NetworkPlan.CLOUDS.get(vrnd.nextInt(NetworkPlan.CLOUDS.size()));
          variantEgress = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            variantEgress.add(net.cloud(cloud, vrnd));
          }
        }
        e.egress = variantEgress.get(vrnd.nextInt(variantEgress.size()));
      }
      case PROXY -> {
        if (variantEgress == null) {
          variantEgress = new ArrayList<>();
          for (int i = 0; i < 60; i++) {
            variantEgress.add(i % 2 == 0 ? net.vpn(vrnd) : net.addressOf(net.pickResidentialIsp(vrnd), vrnd));
          }
        }
        e.egress = variantEgress.get(vrnd.nextInt(variantEgress.size()));
      }
      case NATIVE -> { }
    }
    return true;
  }

  /** Turns a campaign event into one turn of a genuine customer's conversation (its history included). */
  private void genuineChat(SimEvent e) {
    if (genuine == null) {
      genuine = pools.benignConversations();
    }
    if (genuine.isEmpty()) {
      return;
    }
    List<PromptRecord> conv = genuine.get(vrnd.nextInt(genuine.size()));
    int turn = vrnd.nextInt(conv.size());
    e.messages.clear();
    for (int j = 0; j < turn; j++) {
      e.messages.add(SimEvent.Message.user(conv.get(j).text()));
      e.messages.add(SimEvent.Message.assistant());
    }
    e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
    e.prompt = conv.get(turn);
    e.system = null;
    e.tools = null;
    e.n = null;
    e.logprobs = null;
    e.topLogprobs = null;
    e.reasoningEffort = null;
    e.reasoningTokens = null;
    e.maxTokens = 2048;
    e.temperature = 0.7;
    e.outputTokens = Math.max(1, Math.min(2048, Math.round(400 * Math.exp(0.8 * vrnd.nextGaussian()))));
    e.inputTokens = 0;
    e.latencyMs = 0;
  }

  // ---- random helpers

  int uniform(int min, int maxInclusive) {
    return min + rnd.nextInt(maxInclusive - min + 1);
  }

  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * rnd.nextGaussian());
  }

  long tokens(double median, double sigma, long max) {
    return Math.max(1, Math.min(max, Math.round(logNormal(median, sigma))));
  }

  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  /** An hour index drawn from weights. */
  int hour(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = rnd.nextDouble() * total;
    for (int h = 0; h < weights.length; h++) {
      x -= weights[h];
      if (x < 0) {
        return h;
      }
    }
    return weights.length - 1;
  }

  /** A UTC time on simulated day {@code day} whose local hour (UTC offset in hours) follows the weights. */
  long localTime(int day, double utcOffsetHours, double[] weights) {
    long localMidnight = cfg.startMs() + day * Parameters.DAY_MS;
    long local = localMidnight + hour(weights) * Parameters.HOUR_MS + (long) (rnd.nextDouble() * Parameters.HOUR_MS);
    return local - Math.round(utcOffsetHours * Parameters.HOUR_MS);
  }

  /** Day of week of a simulated day (0 = Monday; the period starts on a Monday). */
  static int weekday(int day) {
    return Math.floorMod(day, 7);
  }

  /** The model an account uses at {@code ts}, given when (if ever) it switches to the new model. */
  String model(long ts, long switchAt) {
    return ts >= switchAt ? Parameters.NEW_MODEL : Parameters.OLD_MODEL;
  }

  static int maxOutput(String model) {
    return Parameters.NEW_MODEL.equals(model) ? Parameters.NEW_MODEL_MAX_OUTPUT : Parameters.OLD_MODEL_MAX_OUTPUT;
  }
}
