package io.distillwatch.linking;

import java.util.EnumMap;
import java.util.Map;

/**
 * How much each kind of shared value says about common control, and how common a value may be before
 * it says nothing.
 *
 * <p>A value shared by {@code n} accounts weighs {@code base × specificity(n)}, where specificity is 1
 * up to {@link #fullySpecificUpTo} accounts and falls as {@code fullySpecificUpTo / n} beyond it, down
 * to nothing above the kind's {@code maxAccounts} (a mobile-carrier NAT, a privacy relay, a cloud
 * egress, a popular client library). Two accounts are linked when the weights of the kinds they share
 * (the strongest value of each kind) add up to at least {@link #linkThreshold} — the nested network
 * levels (address, prefix, ASN) counting once, at the strongest ({@link #combine}): a payment
 * fingerprint alone does it, several independent weak links together do.
 */
public final class LinkPolicy {
  /** Sum of per-kind weights at which two accounts are linked: 1.0. */
  public final double linkThreshold;
  /** Values shared by at most this many accounts (10) weigh their full base weight. */
  public final int fullySpecificUpTo;
  /**
   * Weak values shared by more accounts than this (400) are not expanded into pairs: they add their
   * weight to pairs found through other values, and accounts whose such values alone reach the
   * threshold are linked by their identical combination. Strong values (base ≥ threshold) link any
   * number of accounts without enumerating pairs.
   */
  public final int maxPairsAccounts;

  private final Map<LinkKind, Double> base = new EnumMap<>(LinkKind.class);
  private final Map<LinkKind, Integer> maxAccounts = new EnumMap<>(LinkKind.class);
  private final java.util.Set<LinkKind> nonDecaying = java.util.EnumSet.noneOf(LinkKind.class);

  private LinkPolicy(double linkThreshold, int fullySpecificUpTo, int maxPairsAccounts) {
    this.linkThreshold = linkThreshold;
    this.fullySpecificUpTo = fullySpecificUpTo;
    this.maxPairsAccounts = maxPairsAccounts;
  }

  /** The documented defaults (docs/clustering.md). */
  public static LinkPolicy defaults() {
    LinkPolicy p = new LinkPolicy(1.0, 10, 400);
    p.set(LinkKind.PAYMENT_FP, 1.0, 100_000);
    p.set(LinkKind.IP, 0.6, 50);
    p.set(LinkKind.IP_PREFIX, 0.35, 200);
    p.set(LinkKind.ASN, 0.1, 400);
    p.set(LinkKind.TLS_FP, 0.15, 400);
    p.set(LinkKind.SYSTEM_PROMPT, 0.5, 5_000);
    // A template counts only when it carries most of each account's own prompts (at least 5), so
    // sharing one is specific however many accounts do: it links on its own and does not decay.
    // Accounts running one benchmark link too, and are judged benign on their combined traffic.
    p.set(LinkKind.TEMPLATE, 1.0, 100_000);
    p.nonDecaying.add(LinkKind.TEMPLATE);
    p.set(LinkKind.COACTIVITY, 0.3, 400);
    p.set(LinkKind.CREATION_BURST, 0.5, 5_000);
    // Rare prompts: summed over the prompts a pair shares, so linking needs many (four prompts held by
    // at most 4 accounts each, five held by at most 10, ten by at most 20); a prompt held by more
    // accounts (greetings, famous questions, benchmark items, viral prompts) weighs nothing.
    p.set(LinkKind.PROMPT_OVERLAP, 0.3, 20);
    // A pair of prefixes: its weight is set by exclusivity (exitPoolWeight), not by holder count.
    p.set(LinkKind.EXIT_POOL, 1.0, 400);
    return p;
  }

  /**
   * These weights with some kinds switched off, for ablation: entries {@code link.<kind>} (e.g.
   * {@code link.prompt_overlap}) of a scan's {@code --disable-signals}; other entries are ignored.
   */
  public LinkPolicy without(java.util.Collection<String> disabled) {
    LinkPolicy p = new LinkPolicy(linkThreshold, fullySpecificUpTo, maxPairsAccounts);
    p.base.putAll(base);
    p.maxAccounts.putAll(maxAccounts);
    p.nonDecaying.addAll(nonDecaying);
    for (LinkKind k : LinkKind.values()) {
      if (disabled.contains("link." + k.code())) {
        p.maxAccounts.put(k, 0);
      }
    }
    return p;
  }

  private void set(LinkKind kind, double weight, int max) {
    base.put(kind, weight);
    maxAccounts.put(kind, max);
  }

  /** Unit of a summed kind's weights ({@link LinkKind#summed}): 0.1, at most 15 units per pair. */
  public static final double SUMMED_UNIT = 0.1;
  // weights are units / 10.0 (exact decimal doubles), not units * SUMMED_UNIT

  /**
   * Weight of an {@code exit_pool} value held by {@code holders} accounts when the busier of its two
   * prefixes is used by {@code prefixHolders} accounts: exclusivity e = holders / prefixHolders, weight
   * 1.0 (links alone) at e ≥ 0.9, 0.75 at e ≥ 0.7, 0.5 at e ≥ 0.5, else nothing — a pool everybody
   * in those /24s shares is the operator's; a cloud /24 that many others use besides is not.
   */
  public double exitPoolWeight(int holders, int prefixHolders) {
    if (holders < 2 || holders > maxAccounts.get(LinkKind.EXIT_POOL) || prefixHolders <= 0) {
      return 0;
    }
    double e = Math.min(1.0, (double) holders / prefixHolders);
    double b = base.get(LinkKind.EXIT_POOL);
    return e >= 0.9 ? b : e >= 0.7 ? 0.75 * b : e >= 0.5 ? 0.5 * b : 0;
  }

  /** Every weight {@link #exitPoolWeight} can give. */
  double[] exitPoolWeights() {
    double b = base.get(LinkKind.EXIT_POOL);
    return new double[] {0.5 * b, 0.75 * b, b};
  }

  /** Weight of a value of {@code kind} shared by {@code accounts} accounts; 0 when too common. */
  public double weight(LinkKind kind, int accounts) {
    if (accounts < 2 || accounts > maxAccounts.get(kind)) {
      return 0;
    }
    if (kind == LinkKind.PROMPT_OVERLAP) {
      // in whole units of SUMMED_UNIT, so that a pair's sum decodes exactly
      double units = Math.round(base.get(kind) / SUMMED_UNIT);
      return (accounts <= 4 ? units : accounts <= 10 ? Math.round(units * 2 / 3) : Math.round(units / 3)) / 10.0;
    }
    if (kind == LinkKind.EXIT_POOL) {
      return base.get(kind); // at most: the linkers weigh it by exclusivity (exitPoolWeight)
    }
    double specificity = accounts <= fullySpecificUpTo ? 1.0 : (double) fullySpecificUpTo / accounts;
    // Strong kinds keep their full weight: a shared card is common control however many share it.
    if (base.get(kind) >= linkThreshold || nonDecaying.contains(kind)) {
      return base.get(kind);
    }
    return base.get(kind) * Math.max(specificity, 0.5);
  }

  /**
   * Whether a kind is a network level (IP address, its /24 or /64, its ASN). The levels are nested —
   * an address lies in its prefix, which lies in its ASN — so they are not independent evidence: two
   * accounts sharing them count only the strongest ({@link #combine}).
   */
  public static boolean isNetwork(LinkKind kind) {
    return kind == LinkKind.IP || kind == LinkKind.IP_PREFIX || kind == LinkKind.ASN || kind == LinkKind.EXIT_POOL;
  }

  /**
   * The evidence of a pair from its strongest weight per kind (indexed by ordinal): independent kinds
   * add up; the nested network levels count once, at the strongest.
   */
  public static double combine(double[] perKind) {
    double sum = 0;
    double network = 0;
    LinkKind[] kinds = LinkKind.values();
    for (int k = 0; k < perKind.length; k++) {
      if (isNetwork(kinds[k])) {
        network = Math.max(network, perKind[k]);
      } else {
        sum += perKind[k];
      }
    }
    return sum + network;
  }

  public double base(LinkKind kind) {
    return base.get(kind);
  }

  public int maxAccounts(LinkKind kind) {
    return maxAccounts.get(kind);
  }
}
