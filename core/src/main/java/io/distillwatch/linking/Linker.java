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

/**
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
public final class Linker {
  static final int GROUPS = 40;
  static final int GROUP_MEMBERS = 40;
  /** Distinct weak-evidence pairs kept (5,000,000), about 0.7 GB; see {@link #expandPairs}. */
  static final int MAX_PAIRS = 5_000_000;
  /** A value held by more linked groups than this (200) is too common to link groups. */
  static final int MAX_GROUPS_PER_VALUE = 200;
  /** Sum of per-kind weights at which two linked groups are linked to each other: 0.8. */
  static final double GROUP_LINK_THRESHOLD = 0.8;
  private final LinkPolicy policy;
  private final int maxPairs;
  private final List<String> accounts = new ArrayList<>();
  private final Map<String, Integer> accountIndex = new HashMap<>();
  private final KeyTable table = new KeyTable();
  private WeightCodes codes;

  public Linker(LinkPolicy policy) {
    this(policy, MAX_PAIRS);
  }

  /** A linker keeping at most {@code maxPairs} weak-evidence pairs (tests use small budgets). */
  Linker(LinkPolicy policy, int maxPairs) {
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

  /** Distinct evidence values indexed, and how many of them two or more accounts hold. */
  public long[] indexedValues() {
    return new long[] {table.distinctKeys(), table.sharedKeys()};
  }

  /** The clusters of two or more accounts, largest first. */
  public List<LinkedCluster> link() {
    if (codes == null) {
      codes = new WeightCodes(policy);
    }
    UnionFind uf = new UnionFind(accounts.size());
    // Per account: the slots of the widely shared weak values it holds, in slot order.
    IntList[] wideByAccount = new IntList[accounts.size()];
    LongList pairSlots = new LongList();
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (!table.used(slot) || !table.shared(slot)) {
        continue;
      }
      int n = table.count(slot);
      double w = slotWeight(slot);
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
          if (wideByAccount[m[i]] == null) {
            wideByAccount[m[i]] = new IntList();
          }
          wideByAccount[m[i]].add(slot);
        }
      }
    }
    LongLongMap pairWeights = expandPairs(pairSlots, wideByAccount);
    pairSlots = null;
    pairWeights.forEach((key, value) -> {
      int a = first(key);
      int b = second(key);
      long packed = addSharedWide(value, wideByAccount[a], wideByAccount[b]);
      if (codes.sum(packed) >= policy.linkThreshold - 1e-9) {
        uf.union(a, b);
      }
    });
    pairWeights = null;
    linkByWideCombination(uf, wideByAccount, LinkKind.values().length);
    linkGroups(uf, LinkKind.values().length);
    return clusters(uf);
  }

  /**
   * Groups already linked (say, accounts sharing a card) are linked to each other when most members
   * of both hold the same values: an operator running several card groups through one system prompt
   * and one pool of proxy exits (exit pools also link accounts directly: {@link ExitPools}). A value counts here at its base weight when at most {@value
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
      if (!table.used(slot) || !table.shared(slot)) {
        continue;
      }
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      if (n < 2 || slotWeight(slot) <= 0) {
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
    for (Map.Entry<Long, double[]> e : groupPairs.entrySet()) {
      double[] perKind = e.getValue();
      if (LinkPolicy.combine(perKind) >= GROUP_LINK_THRESHOLD - 1e-9) {
        uf.union(first(e.getKey()), second(e.getKey()));
      }
    }
  }

  /** A shared value's weight: by its number of holders, or for an exit pool by its exclusivity ({@link ExitPools}). */
  private double slotWeight(int slot) {
    LinkKind kind = table.kind(slot);
    int n = table.count(slot);
    return kind == LinkKind.EXIT_POOL
        ? ExitPools.weight(policy, n, table.example(slot), table::holders)
        : policy.weight(kind, n);
  }

  /** {@link #slotWeight} as its {@link WeightCodes} code. */
  private int slotCode(int slot) {
    LinkKind kind = table.kind(slot);
    return kind == LinkKind.EXIT_POOL ? codes.codeOfWeight(kind, slotWeight(slot)) : codes.code(kind, table.count(slot));
  }

  /**
   * Expands weak values into account pairs, most specific (fewest holders) first, until {@value
   * #MAX_PAIRS} distinct pairs exist; after that only pairs already found gain weight. This bounds
   * the linker's memory when many moderately common values (busy /24s) would each add thousands of
   * pairs; what is left out is the least specific evidence. When all the values' pairs fit the budget,
   * pairs of an account that cannot reach the threshold are not kept at all ({@link #hopeless}).
   */
  private LongLongMap expandPairs(LongList pairSlots, IntList[] wideByAccount) {
    long[] sorted = pairSlots.toSortedArray();
    long total = 0;
    for (long packed : sorted) {
      long n = packed >>> 32;
      total += n * (n - 1) / 2;
    }
    // When the budget cannot run out, pairs that cannot reach the threshold need not be kept.
    boolean[] hopeless = total <= maxPairs ? hopeless(sorted, wideByAccount) : null;
    LongLongMap pairWeights = new LongLongMap((int) Math.min(total, maxPairs));
    int[] kept = new int[16];
    for (long packed : sorted) {
      int slot = (int) packed;
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      int k = kind.ordinal();
      int code = slotCode(slot);
      int[] m = table.members(slot);
      if (hopeless != null) {
        int h = 0;
        if (kept.length < n) {
          kept = new int[n];
        }
        for (int i = 0; i < n; i++) {
          if (!hopeless[m[i]]) {
            kept[h++] = m[i];
          }
        }
        m = kept;
        n = h;
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          pairWeights.raise(pairKey(m[i], m[j]), k, code, pairWeights.size() < maxPairs);
        }
      }
    }
    return pairWeights;
  }

  /**
   * Accounts that no pair can link through weak values: the strongest weak values of each kind they
   * hold (expanded or widely shared), combined as a pair's are ({@link WeightCodes#sum}), stay below
   * the threshold. A pair holds, per kind, at most what each of its accounts holds, and the
   * combination is monotonic in every kind's weight (floating-point addition and max are), so its
   * evidence never exceeds either account's.
   */
  private boolean[] hopeless(long[] pairSlots, IntList[] wideByAccount) {
    long[] best = new long[accounts.size()];
    for (long packed : pairSlots) {
      int slot = (int) packed;
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      int code = slotCode(slot);
      int[] m = table.members(slot);
      for (int i = 0; i < n; i++) {
        best[m[i]] = WeightCodes.raise(best[m[i]], kind.ordinal(), code);
      }
    }
    for (int a = 0; a < wideByAccount.length; a++) {
      if (wideByAccount[a] != null) {
        best[a] = addAllWide(best[a], wideByAccount[a]);
      }
    }
    boolean[] hopeless = new boolean[accounts.size()];
    for (int a = 0; a < best.length; a++) {
      hopeless[a] = codes.sum(best[a]) < policy.linkThreshold - 1e-9;
    }
    return hopeless;
  }

  private long addAllWide(long packed, IntList slots) {
    for (int i = 0; i < slots.size(); i++) {
      int slot = slots.get(i);
      LinkKind kind = table.kind(slot);
      packed = WeightCodes.raise(packed, kind.ordinal(), slotCode(slot));
    }
    return packed;
  }

  /** Adds to a pair the widely shared values both accounts hold (the strongest per kind). */
  private long addSharedWide(long packed, IntList a, IntList b) {
    if (a == null || b == null) {
      return packed;
    }
    for (int i = 0; i < a.size(); i++) {
      int slot = a.get(i);
      if (b.contains(slot)) {
        LinkKind kind = table.kind(slot);
        packed = WeightCodes.raise(packed, kind.ordinal(), slotCode(slot));
      }
    }
    return packed;
  }

  /**
   * Accounts whose widely shared values alone reach the threshold, and hold exactly the same such
   * values, are linked without enumerating their pairs.
   */
  private void linkByWideCombination(UnionFind uf, IntList[] wideByAccount, int kinds) {
    Map<IntList, Integer> firstBySignature = new HashMap<>();
    for (int account = 0; account < wideByAccount.length; account++) {
      IntList slots = wideByAccount[account];
      if (slots == null) {
        continue;
      }
      double[] perKind = new double[kinds];
      for (int i = 0; i < slots.size(); i++) {
        int slot = slots.get(i);
        LinkKind kind = table.kind(slot);
        perKind[kind.ordinal()] = Math.max(perKind[kind.ordinal()], slotWeight(slot));
      }
      if (LinkPolicy.combine(perKind) < policy.linkThreshold - 1e-9) {
        continue;
      }
      // slots are added in slot order, so equal sets of values are equal lists
      Integer first = firstBySignature.putIfAbsent(slots, account);
      if (first != null) {
        uf.union(first, account);
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
    Map<Integer, GroupTop> groupsByRoot = new HashMap<>();
    GroupKeys seenGroups = new GroupKeys(uf);
    // Per kind, the accounts already counted as holders of a value of that kind in their cluster.
    java.util.BitSet[] holders = new java.util.BitSet[LinkKind.values().length];
    long[] byRootOrder = new long[16];
    for (int slot = 0; slot < table.capacity(); slot++) {
      if (!table.used(slot) || !table.shared(slot)) {
        continue;
      }
      int n = table.count(slot);
      LinkKind kind = table.kind(slot);
      double w = slotWeight(slot);
      if (n < 2 || w <= 0) {
        continue;
      }
      int[] m = table.members(slot);
      // The holders grouped by cluster, each cluster's in holder order: (root, position) sorted.
      if (byRootOrder.length < n) {
        byRootOrder = new long[Math.max(n, byRootOrder.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        byRootOrder[i] = ((long) uf.find(m[i]) << 32) | i;
      }
      java.util.Arrays.sort(byRootOrder, 0, n);
      String example = table.example(slot);
      int start = 0;
      while (start < n) {
        int root = (int) (byRootOrder[start] >>> 32);
        int end = start + 1;
        while (end < n && (int) (byRootOrder[end] >>> 32) == root) {
          end++;
        }
        if (end - start >= 2) {
          int[] members = new int[end - start];
          for (int i = start; i < end; i++) {
            members[i - start] = m[(int) byRootOrder[i]];
          }
          if (holders[kind.ordinal()] == null) {
            holders[kind.ordinal()] = new java.util.BitSet(accounts.size());
          }
          linksByRoot
              .computeIfAbsent(root, r -> new EnumMap<>(LinkKind.class))
              .computeIfAbsent(kind, x -> new LinkAgg())
              .add(members, w, example, holders[kind.ordinal()]);
          int shown = Math.min(members.length, GROUP_MEMBERS);
          if (seenGroups.addIfNew(kind, members, shown, slot, root)) {
            groupsByRoot.computeIfAbsent(root, r -> new GroupTop()).offer(slot, kind, example, w, members, shown);
          }
        }
        start = end;
      }
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
            a.getKey(), agg.pairs(), agg.weight, new ArrayList<>(agg.examples), agg.holders));
        if (a.getKey() == LinkKind.TEMPLATE && !agg.examples.isEmpty()) {
          fingerprint = "t-" + ClusterIds.sha256Hex(agg.examples.iterator().next()).substring(0, 16);
        }
      }
      links.sort(Comparator.comparingDouble((LinkedCluster.Link l) -> -l.weight()).thenComparing(l -> l.kind()));
      GroupTop top = groupsByRoot.get(e.getKey());
      List<LinkedCluster.Group> groups = top == null ? new ArrayList<>() : top.groups(accounts);
      out.add(new LinkedCluster(ClusterIds.of(members.get(0)), members, links, fingerprint, groups));
    }
    out.sort(Comparator.comparingInt((LinkedCluster c) -> -c.accounts().size()).thenComparing(LinkedCluster::id));
    return out;
  }

  /**
   * The {@value #GROUPS} groups of one cluster to draw: distinct by kind and shown members (LSH bands
   * of one template, or one activity pattern, shared by the same accounts draw as one value; the
   * first such group seen stands for all), strongest first, then largest, then by example, ties in
   * the order seen. Kept while scanning: a group that 40 earlier ones precede can never be drawn.
   */
  private static final class GroupTop {
    private final List<Candidate> kept = new ArrayList<>();
    private long seen;

    private record Candidate(long seq, LinkKind kind, String example, double weight, int[] members, int shown) {}

    private static final Comparator<Candidate> ORDER =
        Comparator.comparingDouble((Candidate g) -> -g.weight())
            .thenComparing(g -> -g.shown())
            .thenComparing(g -> String.valueOf(g.example()))
            .thenComparingLong(Candidate::seq);

    void offer(int slot, LinkKind kind, String example, double w, int[] members, int shown) {
      Candidate c = new Candidate(seen++, kind, example, w, members.length > shown
          ? java.util.Arrays.copyOf(members, shown) : members, shown);
      if (kept.size() < GROUPS) {
        kept.add(c);
        return;
      }
      int worst = 0;
      for (int i = 1; i < kept.size(); i++) {
        if (ORDER.compare(kept.get(i), kept.get(worst)) > 0) {
          worst = i;
        }
      }
      if (ORDER.compare(c, kept.get(worst)) < 0) {
        kept.set(worst, c);
      }
    }

    List<LinkedCluster.Group> groups(List<String> accounts) {
      List<Candidate> sorted = new ArrayList<>(kept);
      sorted.sort(ORDER);
      List<LinkedCluster.Group> out = new ArrayList<>();
      for (Candidate c : sorted) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.shown(); i++) {
          names.add(accounts.get(c.members()[i]));
        }
        out.add(new LinkedCluster.Group(c.kind(), c.example(), c.weight(), names));
      }
      return out;
    }
  }

  /**
   * The groups seen so far, by kind and shown members: 64-bit hashes, each with the slot and cluster
   * whose members it stands for, which are listed again and compared exactly on a hash match.
   */
  private final class GroupKeys {
    private final UnionFind uf;
    private long[] hashes = new long[1 << 10];
    private int[] slots = new int[1 << 10];
    private int[] roots = new int[1 << 10];
    private int size;

    GroupKeys(UnionFind uf) {
      this.uf = uf;
    }

    /** True if no group of this kind with these first {@code shown} members (of cluster {@code root}) was seen. */
    boolean addIfNew(LinkKind kind, int[] m, int shown, int slot, int root) {
      long h = 0x9E3779B97F4A7C15L * (kind.ordinal() + 1);
      for (int i = 0; i < shown; i++) {
        h = (h ^ m[i]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
      }
      h = h == 0 ? 1 : h;
      int mask = hashes.length - 1;
      int at = (int) (h ^ (h >>> 32)) & mask;
      while (hashes[at] != 0) {
        if (hashes[at] == h && table.kind(slots[at]) == kind && sameShown(slots[at], roots[at], m, shown)) {
          return false;
        }
        at = (at + 1) & mask;
      }
      hashes[at] = h;
      slots[at] = slot;
      roots[at] = root;
      if (++size * 2 > hashes.length) {
        grow();
      }
      return true;
    }

    /** Whether the first members of {@code root} holding the value in {@code slot} are exactly {@code m}'s first {@code shown}. */
    private boolean sameShown(int slot, int root, int[] m, int shown) {
      int[] holders = table.members(slot);
      int n = table.count(slot);
      int k = 0;
      for (int i = 0; i < n && k < GROUP_MEMBERS; i++) {
        if (uf.find(holders[i]) == root) {
          if (k >= shown || holders[i] != m[k]) {
            return false;
          }
          k++;
        }
      }
      return k == shown;
    }

    private void grow() {
      long[] oldHashes = hashes;
      int[] oldSlots = slots;
      int[] oldRoots = roots;
      hashes = new long[oldHashes.length * 2];
      slots = new int[oldHashes.length * 2];
      roots = new int[oldHashes.length * 2];
      int mask = hashes.length - 1;
      for (int i = 0; i < oldHashes.length; i++) {
        long h = oldHashes[i];
        if (h != 0) {
          int at = (int) (h ^ (h >>> 32)) & mask;
          while (hashes[at] != 0) {
            at = (at + 1) & mask;
          }
          hashes[at] = h;
          slots[at] = oldSlots[i];
          roots[at] = oldRoots[i];
        }
      }
    }
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
    LongLongMap distinct = new LongLongMap(4);
    double weight;
    final Set<String> examples = new LinkedHashSet<>();
    int holders;

    /** {@code counted}: the accounts (of any cluster) already counted as holders of this kind. */
    void add(int[] members, double w, String example, java.util.BitSet counted) {
      for (int a : members) {
        if (!counted.get(a)) {
          counted.set(a);
          holders++;
        }
      }
      long k = members.length;
      summedPairs += k * (k - 1) / 2;
      if (distinct != null && distinct.size() + k * (k - 1) / 2 <= EXACT_PAIRS) {
        for (int i = 0; i < members.length; i++) {
          for (int j = i + 1; j < members.length; j++) {
            distinct.put(pairKey(members[i], members[j]), 0L);
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

  /** A growable list of ints, compared by content. */
  static final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    int get(int i) {
      return values[i];
    }

    boolean contains(int v) {
      for (int i = 0; i < size; i++) {
        if (values[i] == v) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IntList other
          && java.util.Arrays.equals(values, 0, size, other.values, 0, other.size);
    }

    @Override
    public int hashCode() {
      int h = 1;
      for (int i = 0; i < size; i++) {
        h = 31 * h + values[i];
      }
      return h;
    }
  }

  /** A growable list of longs. */
  static final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toSortedArray() {
      long[] out = java.util.Arrays.copyOf(values, size);
      java.util.Arrays.sort(out);
      return out;
    }
  }
}
