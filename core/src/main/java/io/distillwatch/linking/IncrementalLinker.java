package io.distillwatch.linking;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming job's linker: accounts arrive with evidence over time and are linked as soon as the
 * evidence is there, without re-reading what came before. Evidence is indexed by value (a hash of the
 * key), never compared across all pairs; weights follow the same {@link LinkPolicy} as the batch
 * {@link Linker}.
 *
 * <p>Differences from the batch linker, because evidence arrives over time and links are never
 * undone: a weak value weighs what its number of holders made it worth <em>when</em> a pair gained it
 * (a /24 that later becomes busy does not unlink accounts it linked while it was specific), and the
 * batch linker's group rule (linked groups sharing majority-held values) is not applied. Exit pools
 * ({@link ExitPools}) are weighed by exclusivity when a holder joins, and prompt overlap sums the
 * rarity of each shared prompt as it becomes shared, as in the batch linker.
 *
 * <p>Every component of two or more accounts has a <em>lineage</em>: a name that survives merges (the
 * larger component's lineage wins), so downstream state keyed by it lives on; and a public id as
 * DESIGN §4 defines it ({@link ClusterIds#of} of its smallest member), which may change as members
 * join. {@link #add} returns what changed so the caller can route events and verdicts.
 */
public final class IncrementalLinker {
  /** Distinct weak-evidence pairs tracked, as in the batch linker (5,000,000). */
  static final int MAX_PAIRS = 5_000_000;
  /**
   * Snapshot format written by {@link #writeTo}: 5 keeps a merge count for every {@link LinkKind} (ten
   * with {@code prompt_overlap} and {@code exit_pool}). {@link #readFrom} also reads format 4, whose
   * components count the first eight kinds (ADR 0068).
   */
  static final int FORMAT = 5;
  /** Link kinds a format-4 component counts merges of: those before {@link LinkKind#PROMPT_OVERLAP}. */
  private static final int FORMAT_4_KINDS = LinkKind.PROMPT_OVERLAP.ordinal();
  private static final long MISSING = Long.MIN_VALUE;

  /** A merge of two components: who moved to which lineage, and the evidence that caused it. */
  public record Merge(
      String lineage,
      String absorbedLineage,
      String clusterId,
      int size,
      List<String> moved,
      LinkKind kind,
      String example) {}

  private final LinkPolicy policy;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private int[] parent = new int[1024];
  private int[] size = new int[1024];
  /** Per root of a component of two or more: members, lineage, smallest member, evidence by kind. */
  private final Map<Integer, Component> components = new HashMap<>();
  /** Value hash → its only holder so far (most values: an account's own IPs, templates, …). */
  private final LongLongMap single = new LongLongMap(1 << 10);
  /** Value hash → its holders, once two or more accounts hold it. */
  private final Map<Long, Holders> shared = new HashMap<>();
  /** Pair of accounts → its per-kind weights so far, as {@link WeightCodes} packed in one long. */
  private final LongLongMap pairs = new LongLongMap(1 << 10);
  private final WeightCodes codes;

  public IncrementalLinker(LinkPolicy policy) {
    for (LinkKind strong : new LinkKind[] {LinkKind.PAYMENT_FP, LinkKind.TEMPLATE}) {
      if (policy.base(strong) < policy.linkThreshold) {
        throw new IllegalArgumentException("the incremental linker needs " + strong.code() + " to link on its own");
      }
    }
    this.policy = policy;
    this.codes = new WeightCodes(policy);
  }

  public int accounts() {
    return names.size();
  }

  /** Number of components of two or more accounts. */
  public int clusters() {
    return components.size();
  }

  /** The account's lineage, or null while it is linked to nobody. */
  public String lineageOf(String account) {
    Integer i = index.get(account);
    if (i == null) {
      return null;
    }
    Component c = components.get(find(i));
    return c == null ? null : c.lineage;
  }

  /** The DESIGN §4 id of the account's cluster, or null while it is linked to nobody. */
  public String clusterIdOf(String account) {
    Integer i = index.get(account);
    Component c = i == null ? null : components.get(find(i));
    return c == null ? null : ClusterIds.of(c.smallest);
  }

  /** The members of the account's cluster, sorted; just the account while it is linked to nobody. */
  public List<String> membersOf(String account) {
    Integer i = index.get(account);
    if (i == null) {
      return List.of();
    }
    Component c = components.get(find(i));
    if (c == null) {
      return List.of(account);
    }
    List<String> out = new ArrayList<>(c.count);
    for (int k = 0; k < c.count; k++) {
      out.add(names.get(c.members[k]));
    }
    out.sort(null);
    return out;
  }

  /** Per kind, how many merges of the account's cluster that kind of evidence caused. */
  public Map<LinkKind, Integer> linksOf(String account) {
    Integer i = index.get(account);
    Component c = i == null ? null : components.get(find(i));
    Map<LinkKind, Integer> out = new EnumMap<>(LinkKind.class);
    if (c != null) {
      for (LinkKind k : LinkKind.values()) {
        if (c.merges[k.ordinal()] > 0) {
          out.put(k, c.merges[k.ordinal()]);
        }
      }
    }
    return out;
  }

  /**
   * Adds evidence of one account (keys {@code kind|value} with a readable example each; keys seen
   * before for this account count once) and returns the merges it caused, in order.
   */
  public List<Merge> add(String account, List<String> keys, List<String> examples) {
    int a = indexOf(account);
    List<Merge> merges = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      String key = keys.get(k);
      LinkKind kind = LinkKind.ofKey(key);
      String example = k < examples.size() ? examples.get(k) : null;
      addValue(a, kind, hash(key), example, merges);
    }
    return merges;
  }

  private void addValue(int a, LinkKind kind, long h, String example, List<Merge> merges) {
    Holders holders = shared.get(h);
    if (holders == null) {
      long only = single.get(h, MISSING);
      if (only == MISSING) {
        single.put(h, a);
        return;
      }
      if (only == a) {
        return;
      }
      single.remove(h);
      holders = new Holders((int) only, example);
      shared.put(h, holders);
    } else if (holders.contains(a)) {
      return;
    }
    int n = holders.count + 1;
    double w = kind == LinkKind.EXIT_POOL
        ? ExitPools.weight(policy, n, holders.example, this::holderCount)
        : policy.weight(kind, n);
    if (w <= 0) {
      holders.count = n;
      if (n > policy.maxAccounts(kind)) {
        holders.saturate(); // too common ever to link again: stop remembering who holds it
      }
      return;
    }
    if (w >= policy.linkThreshold && kind == LinkKind.EXIT_POOL) {
      // exclusivity can grow with the holders: join every holder, not only the first
      for (int i = 0; i < holders.count; i++) {
        union(a, holders.members[i], kind, holders.example, merges);
      }
    } else if (w >= policy.linkThreshold) {
      union(a, holders.members[0], kind, holders.example, merges);
    } else if (n <= policy.maxPairsAccounts) {
      int code = kind == LinkKind.EXIT_POOL ? codes.codeOfWeight(kind, w) : codes.code(kind, n);
      for (int i = 0; i < holders.count; i++) {
        int b = holders.members[i];
        if (find(a) != find(b) && gain(a, b, kind, code)) {
          union(a, b, kind, holders.example, merges);
        }
      }
    }
    holders.add(a);
  }

  /** Accounts holding an evidence key so far. */
  private int holderCount(String key) {
    long h = hash(key);
    Holders holders = shared.get(h);
    if (holders != null) {
      return holders.count;
    }
    return single.get(h, MISSING) == MISSING ? 0 : 1;
  }

  /** Adds a kind's weight (as its code) to a pair; true when the pair's evidence reaches the threshold. */
  private boolean gain(int a, int b, LinkKind kind, int code) {
    long key = pairKey(a, b);
    long packed = pairs.get(key, MISSING);
    if (packed == MISSING) {
      if (pairs.size() >= MAX_PAIRS) {
        return false;
      }
      packed = 0;
    }
    packed = WeightCodes.raise(packed, kind.ordinal(), code);
    if (codes.sum(packed) >= policy.linkThreshold - 1e-9) {
      pairs.remove(key); // linked: the pair's weights are no longer needed
      return true;
    }
    pairs.put(key, packed);
    return false;
  }

  private void union(int a, int b, LinkKind kind, String example, List<Merge> merges) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return;
    }
    if (size[ra] < size[rb] || (size[ra] == size[rb] && lineageRank(ra).compareTo(lineageRank(rb)) > 0)) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    Component big = components.remove(ra);
    Component small = components.remove(rb);
    String absorbed = small == null ? null : small.lineage;
    List<String> moved = new ArrayList<>();
    if (big == null) {
      big = new Component(ra, names.get(ra));
      moved.add(names.get(ra));
    }
    int[] incoming = small == null ? new int[] {rb} : Arrays.copyOf(small.members, small.count);
    for (int m : incoming) {
      moved.add(names.get(m));
    }
    if (small != null) {
      if (small.smallest.compareTo(big.smallest) < 0) {
        big.smallest = small.smallest;
      }
      for (int i = 0; i < big.merges.length; i++) {
        big.merges[i] += small.merges[i];
      }
    } else if (names.get(rb).compareTo(big.smallest) < 0) {
      big.smallest = names.get(rb);
    }
    big.append(incoming);
    big.merges[kind.ordinal()]++;
    if (big.lineage == null) {
      big.lineage = ClusterIds.of(big.smallest);
    }
    parent[rb] = ra;
    size[ra] += size[rb];
    components.put(ra, big);
    merges.add(new Merge(big.lineage, absorbed, ClusterIds.of(big.smallest), size[ra], moved, kind, example));
  }

  /** Between equal sizes, the component with a lineage (or the smaller one) wins, deterministically. */
  private String lineageRank(int root) {
    Component c = components.get(root);
    return c == null ? "~" + names.get(root) : c.lineage;
  }

  private int indexOf(String account) {
    Integer i = index.get(account);
    if (i != null) {
      return i;
    }
    int n = names.size();
    if (n == parent.length) {
      parent = Arrays.copyOf(parent, n * 2);
      size = Arrays.copyOf(size, n * 2);
    }
    parent[n] = n;
    size[n] = 1;
    names.add(account);
    index.put(account, n);
    return n;
  }

  private int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static long pairKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return (((long) lo << 32) | (hi & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
  }

  /** 64-bit FNV-1a of the key's UTF-8 bytes, mixed; collisions are negligible below billions of values. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  /** Writes the whole linker (for a checkpoint). */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(names.size());
    for (int i = 0; i < names.size(); i++) {
      out.writeUTF(names.get(i));
      out.writeInt(parent[i]);
      out.writeInt(size[i]);
    }
    out.writeInt(components.size());
    for (Map.Entry<Integer, Component> e : components.entrySet()) {
      Component c = e.getValue();
      out.writeInt(e.getKey());
      out.writeUTF(c.lineage);
      out.writeUTF(c.smallest);
      out.writeInt(c.count);
      for (int i = 0; i < c.count; i++) {
        out.writeInt(c.members[i]);
      }
      for (int m : c.merges) {
        out.writeInt(m);
      }
    }
    out.writeInt(single.size());
    IOException[] failed = new IOException[1];
    single.forEach((key, holder) -> {
      try {
        out.writeLong(key);
        out.writeInt((int) holder);
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
    out.writeInt(shared.size());
    for (Map.Entry<Long, Holders> e : shared.entrySet()) {
      out.writeLong(e.getKey());
      Holders h = e.getValue();
      out.writeInt(h.count);
      out.writeBoolean(h.example != null);
      if (h.example != null) {
        out.writeUTF(h.example);
      }
      int kept = h.members == null ? -1 : Math.min(h.count, h.members.length);
      out.writeInt(kept);
      for (int i = 0; i < kept; i++) {
        out.writeInt(h.members[i]);
      }
    }
    out.writeInt(pairs.size());
    pairs.forEach((key, packed) -> {
      try {
        out.writeLong(key);
        out.writeLong(packed);
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  /**
   * Reads a linker written by {@link #writeTo}, of this format or format 4 (which differs only in
   * counting merges of eight kinds; pair weights of those kinds keep their codes).
   */
  public static IncrementalLinker readFrom(DataInput in, LinkPolicy policy) throws IOException {
    int format = in.readInt();
    if (format != FORMAT && format != 4) {
      throw new IOException("unknown linker snapshot format " + format + ", this build reads 4 and " + FORMAT);
    }
    int kinds = format == 4 ? FORMAT_4_KINDS : LinkKind.values().length;
    IncrementalLinker l = new IncrementalLinker(policy);
    int n = in.readInt();
    l.parent = new int[Math.max(1024, n)];
    l.size = new int[Math.max(1024, n)];
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      l.names.add(name);
      l.index.put(name, i);
      l.parent[i] = in.readInt();
      l.size[i] = in.readInt();
    }
    int comps = in.readInt();
    for (int c = 0; c < comps; c++) {
      int root = in.readInt();
      Component comp = new Component();
      comp.lineage = in.readUTF();
      comp.smallest = in.readUTF();
      int count = in.readInt();
      int[] members = new int[count];
      for (int i = 0; i < count; i++) {
        members[i] = in.readInt();
      }
      comp.append(members);
      for (int i = 0; i < kinds; i++) {
        comp.merges[i] = in.readInt();
      }
      l.components.put(root, comp);
    }
    int singles = in.readInt();
    for (int v = 0; v < singles; v++) {
      long h = in.readLong();
      l.single.put(h, in.readInt());
    }
    int vals = in.readInt();
    for (int v = 0; v < vals; v++) {
      long h = in.readLong();
      Holders holders = new Holders();
      holders.count = in.readInt();
      holders.example = in.readBoolean() ? in.readUTF() : null;
      int kept = in.readInt();
      if (kept >= 0) {
        int count = holders.count;
        holders.members = new int[Math.max(2, kept)];
        holders.count = 0;
        for (int i = 0; i < kept; i++) {
          holders.add(in.readInt());
        }
        holders.count = count;
      }
      l.shared.put(h, holders);
    }
    int pairCount = in.readInt();
    for (int p = 0; p < pairCount; p++) {
      long key = in.readLong();
      l.pairs.put(key, in.readLong());
    }
    return l;
  }

  /** The accounts holding one value; forgotten (null) once too many hold it to link. */
  private static final class Holders {
    /** Above this many holders, membership is checked in a hash set rather than by scanning. */
    static final int SCAN_LIMIT = 32;
    int count;
    int[] members;
    java.util.Set<Integer> lookup;
    String example;

    Holders() {}

    Holders(int first, String example) {
      members = new int[] {first, -1};
      count = 1;
      this.example = example;
    }

    boolean contains(int a) {
      if (members == null) {
        return true; // saturated: adding it again changes nothing
      }
      if (lookup != null) {
        return lookup.contains(a);
      }
      for (int i = 0; i < count; i++) {
        if (members[i] == a) {
          return true;
        }
      }
      return false;
    }

    void add(int a) {
      if (count == members.length) {
        members = Arrays.copyOf(members, count * 2);
      }
      members[count++] = a;
      if (lookup != null) {
        lookup.add(a);
      } else if (count > SCAN_LIMIT) {
        lookup = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
          lookup.add(members[i]);
        }
      }
    }

    void saturate() {
      members = null;
      lookup = null;
    }
  }

  /** A component of two or more accounts. */
  private static final class Component {
    String lineage;
    String smallest;
    int[] members = new int[4];
    int count;
    final int[] merges = new int[LinkKind.values().length];

    Component() {}

    Component(int first, String name) {
      smallest = name;
      members[0] = first;
      count = 1;
    }

    void append(int[] more) {
      if (count + more.length > members.length) {
        members = Arrays.copyOf(members, Math.max(members.length * 2, count + more.length));
      }
      System.arraycopy(more, 0, members, count, more.length);
      count += more.length;
    }
  }
}
