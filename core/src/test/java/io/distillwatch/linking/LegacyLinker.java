package io.distillwatch.linking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The linker as of 829cbe9, kept to check that the current one links identically (LinkerEquivalenceTest).
 *
 * Links accounts under common control: indexes evidence by value (never compares all pairs), weighs
 * each shared value by how specific it is ({@link LinkPolicy}), and takes connected components.
 *
 * <p>A strong value (payment fingerprint) links all its accounts directly. Weak values are expanded
 * into account pairs only while shared by at most {@link LinkPolicy#maxPairsAccounts} accounts, and a
 * pair is linked when the strongest value of each kind it shares add up to the threshold. Memory is
 * the index (accounts × their capped keys) plus the pairs of weak values.
 *
 * <p>Linking is evidence of common control, not of abuse: a cluster's verdict comes from its combined
 * traffic, scored separately.
 */
final class LegacyLinker {
  static final int GROUPS = 40;
  static final int GROUP_MEMBERS = 40;
  /** Distinct weak-evidence pairs kept (5,000,000), about 0.7 GB; see {@link #expandPairs}. */
  static final int MAX_PAIRS = 5_000_000;
  /** A value held by more linked groups than this (200) is too common to link groups. */
  static final int MAX_GROUPS_PER_VALUE = 200;
  /** Sum of per-kind weights at which two linked groups are linked to each other: 0.8. */
  static final double GROUP_LINK_THRESHOLD = 0.8;
  /** Two linked groups drawing on one pool of network prefixes: Jaccard overlap of their prefixes ≥ 0.5. */
  static final double POOL_OVERLAP = 0.5;
  private final LinkPolicy policy;
  private final List<String> accounts = new ArrayList<>();
  private final Map<String, Integer> accountIndex = new HashMap<>();
  private final LegacyKeyTable table = new LegacyKeyTable();

  private final int maxPairs;

  LegacyLinker(LinkPolicy policy, int maxPairs) {
    this.policy = policy;
    this.maxPairs = maxPairs;
  }

  public void add(AccountEvidence evidence) {
    Integer idx = accountIndex.get(evidence.account);
    if (idx == null) {
      idx = accounts.size();
      accounts.add(evidence.account);
      accountIndex.put(evidence.account, idx);
    }
    for (int i = 0; i < evidence.keys.size(); i++) {
      String key = evidence.keys.get(i);
      table.add(LinkKind.ofKey(key), key, idx, i < evidence.examples.size() ? evidence.examples.get(i) : null);
    }
  }

  public int accounts() {
    return accounts.size();
  }

  /** The clusters of two or more accounts, largest first. */
  public List<LinkedCluster> link() {
    UnionFind uf = new UnionFind(accounts.size());
    Map<Long, double[]> pairWeights = new HashMap<>();
    // Per account: the widely shared weak values it holds (kind ordinal, weight, key).
    Map<Integer, List<Object[]>> wideByAccount = new HashMap<>();
    List<Long> pairSlots = new ArrayList<>();
    int kinds = LinkKind.values().length;
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (!table.used(slot) || table.count(slot) < 2) {
        continue;
      }
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      double w = policy.weight(kind, n);
      if (w <= 0) {
        continue;
      }
      int[] m = table.members(slot);
      if (w >= policy.linkThreshold) {
        for (int i = 1; i < n; i++) {
          uf.union(m[0], m[i]);
        }
      } else if (n <= policy.maxPairsAccounts) {
        pairSlots.add(((long) n << 32) | slot);
      } else {
        for (int i = 0; i < n; i++) {
          wideByAccount.computeIfAbsent(m[i], a -> new ArrayList<>()).add(new Object[] {kind.ordinal(), w, table.key(slot)});
        }
      }
    }
    expandPairs(pairSlots, pairWeights, kinds);
    for (Map.Entry<Long, double[]> e : pairWeights.entrySet()) {
      int a = first(e.getKey());
      int b = second(e.getKey());
      double[] perKind = e.getValue();
      addSharedWide(perKind, wideByAccount.get(a), wideByAccount.get(b));
      double sum = 0;
      for (double w : perKind) {
        sum += w;
      }
      if (sum >= policy.linkThreshold - 1e-9) {
        uf.union(a, b);
      }
    }
    linkByWideCombination(uf, wideByAccount, kinds);
    linkGroups(uf, kinds);
    return clusters(uf);
  }

  /**
   * Groups already linked (say, accounts sharing a card) are linked to each other when most members
   * of both hold the same values: an operator running several card groups through one system prompt
   * and one pool of proxy exits. A value counts here at its base weight when at most {@value
   * #MAX_GROUPS_PER_VALUE} groups share it, so popular values (a big ASN, a client library) stay
   * weak, and the kinds' account ceilings still apply. Because a value must be held by most members
   * of both groups, this is more specific than two accounts sharing it, and the groups link at
   * {@value #GROUP_LINK_THRESHOLD} rather than 1.0.
   */
  private void linkGroups(UnionFind uf, int kinds) {
    Map<Integer, Integer> groupSize = new HashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      if (uf.size(i) >= 2) {
        groupSize.merge(uf.find(i), 1, Integer::sum);
      }
    }
    if (groupSize.size() < 2) {
      return;
    }
    Map<Long, double[]> groupPairs = new HashMap<>();
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (!table.used(slot) || table.count(slot) < 2) {
        continue;
      }
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      if (n < 2 || policy.weight(kind, n) <= 0) {
        continue;
      }
      Map<Integer, Integer> holders = new HashMap<>();
      int[] m = table.members(slot);
      for (int i = 0; i < n; i++) {
        int root = uf.find(m[i]);
        if (groupSize.containsKey(root)) {
          holders.merge(root, 1, Integer::sum);
        }
      }
      List<Integer> groups = new ArrayList<>();
      holders.forEach((root, k) -> {
        if (k * 2 >= groupSize.get(root)) {
          groups.add(root);
        }
      });
      if (groups.size() < 2 || groups.size() > MAX_GROUPS_PER_VALUE) {
        continue;
      }
      double w = Math.min(policy.base(kind), policy.linkThreshold);
      for (int i = 0; i < groups.size(); i++) {
        for (int j = i + 1; j < groups.size(); j++) {
          double[] perKind = groupPairs.computeIfAbsent(pairKey(groups.get(i), groups.get(j)), p -> new double[kinds]);
          perKind[kind.ordinal()] = Math.max(perKind[kind.ordinal()], w);
        }
      }
    }
    Map<Integer, Set<Long>> poolByGroup = new HashMap<>();
    for (Map.Entry<Long, double[]> e : groupPairs.entrySet()) {
      double[] perKind = e.getValue();
      int a = first(e.getKey());
      int b = second(e.getKey());
      if (perKind[LinkKind.IP_PREFIX.ordinal()] == 0
          && jaccard(pool(a, uf, poolByGroup), pool(b, uf, poolByGroup)) >= POOL_OVERLAP) {
        // Members rotate through one pool of exits: each /24 is held by few, the pool by all.
        perKind[LinkKind.IP_PREFIX.ordinal()] = policy.base(LinkKind.IP_PREFIX);
      }
      double sum = 0;
      for (double w : perKind) {
        sum += w;
      }
      if (sum >= GROUP_LINK_THRESHOLD - 1e-9) {
        uf.union(first(e.getKey()), second(e.getKey()));
      }
    }
  }

  /**
   * Expands weak values into account pairs, most specific (fewest holders) first, until {@value
   * #MAX_PAIRS} distinct pairs exist; after that only pairs already found gain weight. This bounds
   * the linker's memory when many moderately common values (busy /24s) would each add thousands of
   * pairs; what is left out is the least specific evidence.
   */
  private void expandPairs(List<Long> pairSlots, Map<Long, double[]> pairWeights, int kinds) {
    pairSlots.sort(null);
    for (long packed : pairSlots) {
      int slot = (int) packed;
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      double w = policy.weight(kind, n);
      int[] m = table.members(slot);
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          long pair = pairKey(m[i], m[j]);
          double[] perKind = pairWeights.get(pair);
          if (perKind == null) {
            if (pairWeights.size() >= maxPairs) {
              continue;
            }
            perKind = new double[kinds];
            pairWeights.put(pair, perKind);
          }
          perKind[kind.ordinal()] = Math.max(perKind[kind.ordinal()], w);
        }
      }
    }
  }

  /** Adds to a pair the widely shared values both accounts hold (the strongest per kind). */
  private static void addSharedWide(double[] perKind, List<Object[]> a, List<Object[]> b) {
    if (a == null || b == null) {
      return;
    }
    Set<Long> bKeys = new java.util.HashSet<>();
    for (Object[] v : b) {
      bKeys.add((Long) v[2]);
    }
    for (Object[] v : a) {
      if (bKeys.contains((Long) v[2])) {
        int kind = (Integer) v[0];
        perKind[kind] = Math.max(perKind[kind], (Double) v[1]);
      }
    }
  }

  /**
   * Accounts whose widely shared values alone reach the threshold, and hold exactly the same such
   * values, are linked without enumerating their pairs.
   */
  private void linkByWideCombination(UnionFind uf, Map<Integer, List<Object[]>> wideByAccount, int kinds) {
    Map<String, Integer> firstBySignature = new HashMap<>();
    for (Map.Entry<Integer, List<Object[]>> e : wideByAccount.entrySet()) {
      double[] perKind = new double[kinds];
      List<Long> keys = new ArrayList<>();
      for (Object[] v : e.getValue()) {
        int kind = (Integer) v[0];
        perKind[kind] = Math.max(perKind[kind], (Double) v[1]);
        keys.add((Long) v[2]);
      }
      double sum = 0;
      for (double w : perKind) {
        sum += w;
      }
      if (sum < policy.linkThreshold - 1e-9) {
        continue;
      }
      keys.sort(Comparator.naturalOrder());
      Integer first = firstBySignature.putIfAbsent(keys.toString(), e.getKey());
      if (first != null) {
        uf.union(first, e.getKey());
      }
    }
  }

  private List<LinkedCluster> clusters(UnionFind uf) {
    Map<Integer, List<Integer>> byRoot = new HashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      if (uf.size(i) >= 2) {
        byRoot.computeIfAbsent(uf.find(i), r -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, Map<LinkKind, LinkAgg>> linksByRoot = new HashMap<>();
    Map<Integer, List<LinkedCluster.Group>> groupsByRoot = new HashMap<>();
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (!table.used(slot) || table.count(slot) < 2) {
        continue;
      }
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      double w = policy.weight(kind, n);
      if (n < 2 || w <= 0) {
        continue;
      }
      Map<Integer, Integer> perRoot = new HashMap<>();
      int[] m = table.members(slot);
      for (int i = 0; i < n; i++) {
        if (byRoot.containsKey(uf.find(m[i]))) {
          perRoot.merge(uf.find(m[i]), 1, Integer::sum);
        }
      }
      String example = table.example(slot);
      Map<Integer, List<Integer>> membersByRoot = new HashMap<>();
      for (int i = 0; i < n; i++) {
        int root = uf.find(m[i]);
        if (perRoot.getOrDefault(root, 0) >= 2) {
          membersByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(m[i]);
        }
      }
      membersByRoot.forEach(
          (root, members) -> {
            linksByRoot
                .computeIfAbsent(root, r -> new EnumMap<>(LinkKind.class))
                .computeIfAbsent(kind, x -> new LinkAgg())
                .add(members, w, example);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.min(members.size(), GROUP_MEMBERS); i++) {
              names.add(accounts.get(members.get(i)));
            }
            groupsByRoot.computeIfAbsent(root, r -> new ArrayList<>())
                .add(new LinkedCluster.Group(kind, example, w, names));
          });
    }
    List<LinkedCluster> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : byRoot.entrySet()) {
      List<String> members = new ArrayList<>();
      for (int i : e.getValue()) {
        members.add(accounts.get(i));
      }
      members.sort(Comparator.naturalOrder());
      List<LinkedCluster.Link> links = new ArrayList<>();
      String fingerprint = null;
      Map<LinkKind, LinkAgg> aggs = linksByRoot.getOrDefault(e.getKey(), Map.of());
      for (Map.Entry<LinkKind, LinkAgg> a : new TreeMap<>(aggs).entrySet()) {
        LinkAgg agg = a.getValue();
        links.add(new LinkedCluster.Link(
            a.getKey(), agg.pairs(), agg.weight, new ArrayList<>(agg.examples), agg.holders.size()));
        if (a.getKey() == LinkKind.TEMPLATE && !agg.examples.isEmpty()) {
          fingerprint = "t-" + ClusterIds.sha256Hex(agg.examples.iterator().next()).substring(0, 16);
        }
      }
      links.sort(Comparator.comparingDouble((LinkedCluster.Link l) -> -l.weight()).thenComparing(l -> l.kind()));
      // LSH bands of one template (or one activity pattern) shared by the same accounts draw as one value.
      Map<String, LinkedCluster.Group> distinctGroups = new java.util.LinkedHashMap<>();
      for (LinkedCluster.Group g : groupsByRoot.getOrDefault(e.getKey(), List.of())) {
        distinctGroups.putIfAbsent(g.kind() + "|" + g.members(), g);
      }
      List<LinkedCluster.Group> groups = new ArrayList<>(distinctGroups.values());
      groups.sort(Comparator.comparingDouble((LinkedCluster.Group g) -> -g.weight())
          .thenComparing(g -> -g.members().size()).thenComparing(g -> String.valueOf(g.example())));
      if (groups.size() > GROUPS) {
        groups = new ArrayList<>(groups.subList(0, GROUPS));
      }
      out.add(new LinkedCluster(ClusterIds.of(members.get(0)), members, links, fingerprint, groups));
    }
    out.sort(Comparator.comparingInt((LinkedCluster c) -> -c.accounts().size()).thenComparing(LinkedCluster::id));
    return out;
  }

  /** The network prefixes a linked group's members used (values within the kind's account ceiling). */
  private Set<Long> pool(int root, UnionFind uf, Map<Integer, Set<Long>> pools) {
    if (pools.isEmpty()) {
      // one pass over the prefix index builds every group's pool
      for (int slot = 0; slot < table.capacity(); slot++) {
        if (!table.used(slot)) {
          continue;
        }
        int n = table.count(slot);
        if (table.kind(slot) != LinkKind.IP_PREFIX || policy.weight(LinkKind.IP_PREFIX, n) <= 0) {
          continue;
        }
        int[] m = table.members(slot);
        for (int i = 0; i < n; i++) {
          int r = uf.find(m[i]);
          if (uf.size(r) >= 2) {
            pools.computeIfAbsent(r, x -> new java.util.HashSet<>()).add(table.key(slot));
          }
        }
      }
      pools.putIfAbsent(-1, Set.of()); // marks the cache as built
    }
    return pools.getOrDefault(root, Set.of());
  }

  private static double jaccard(Set<Long> a, Set<Long> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (Long x : a) {
      if (b.contains(x)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /**
   * A pair of account indexes as one long, multiplied by an odd constant: Long.hashCode of the plain
   * {@code lo << 32 | hi} is {@code lo ^ hi}, which collides so much that hash maps degrade to trees.
   */
  private static long pairKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return (((long) lo << 32) | (hi & 0xffffffffL)) * MIX;
  }

  private static int first(long key) {
    return (int) ((key * UNMIX) >>> 32);
  }

  private static int second(long key) {
    return (int) (key * UNMIX);
  }

  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final long UNMIX = inverse(MIX);

  /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
  private static long inverse(long odd) {
    long x = odd;
    for (int i = 0; i < 6; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }

  /**
   * Evidence of one kind within one cluster. Pairs are counted once however many values of the kind
   * they share (8 LSH bands of one template are one link), exactly up to {@value #EXACT_PAIRS} pairs
   * and summed over values beyond.
   */
  private static final class LinkAgg {
    static final int EXACT_PAIRS = 200_000;
    long summedPairs;
    Set<Long> distinct = new java.util.HashSet<>();
    double weight;
    final Set<String> examples = new LinkedHashSet<>();
    final Set<Integer> holders = new java.util.HashSet<>();

    void add(List<Integer> members, double w, String example) {
      holders.addAll(members);
      long k = members.size();
      summedPairs += k * (k - 1) / 2;
      if (distinct != null && distinct.size() + k * (k - 1) / 2 <= EXACT_PAIRS) {
        for (int i = 0; i < members.size(); i++) {
          for (int j = i + 1; j < members.size(); j++) {
            distinct.add(pairKey(members.get(i), members.get(j)));
          }
        }
      } else {
        distinct = null;
      }
      weight = Math.max(weight, w);
      if (example != null && examples.size() < 3) {
        examples.add(example);
      }
    }

    long pairs() {
      return distinct != null ? distinct.size() : summedPairs;
    }
  }
}
