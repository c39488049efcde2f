package io.distillwatch.screening.match;

import io.distillwatch.screening.lists.Domains;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.text.NameNormalizer;
import io.distillwatch.screening.text.NormalizedName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inverted index over every name (primary and aliases) of every list entry, so a query scores a
 * few dozen candidates instead of all names. Blocking keys of a name: its normalised tokens, the
 * first and last four letters of tokens of 5+ letters ("p:huaw", "s:awei", which survive a typo in
 * the middle), the first six letters of the name without spaces, and joined pinyin syllables.
 * Candidates are the names sharing the rarest keys, ranked by the summed rarity of shared keys;
 * the best {@code maxCandidates} are scored by {@link NameScorer}. Immutable and thread-safe after
 * construction.
 */
public final class NameIndex {
  private final List<ListEntry> entries;
  private final IndexedName[] names;
  private final Map<String, int[]> postings;
  private final Map<String, int[]> entriesByDomain;
  private final NameNormalizer normalizer;
  private final NameScorer scorer;
  private final int maxCandidates;
  private final int maxPostings;
  private final double unknownWeight;
  private final ThreadLocal<Scratch> scratch;

  /**
   * @param entries all entries of all lists, in a fixed order
   * @param tokenMin Jaro–Winkler similarity from which two tokens count as the same word
   * @param compactMin similarity from which names compared without spaces count
   * @param reviewThreshold lowest interesting score (lets the scorer skip work below it)
   */
  public NameIndex(List<ListEntry> entries, NameNormalizer normalizer, double tokenMin,
      double compactMin, double reviewThreshold, int maxCandidates, int maxPostings) {
    this.entries = List.copyOf(entries);
    this.normalizer = normalizer;
    this.maxCandidates = maxCandidates;
    this.maxPostings = maxPostings;
    List<IndexedName> all = new ArrayList<>();
    Map<String, List<Integer>> domains = new HashMap<>();
    for (int e = 0; e < this.entries.size(); e++) {
      ListEntry entry = this.entries.get(e);
      Set<String> seen = new LinkedHashSet<>();
      addName(all, seen, e, entry.name(), true, false);
      for (ListEntry.Alias a : entry.aliases()) {
        addName(all, seen, e, a.name(), false, a.weak());
      }
      for (String w : entry.websites()) {
        domains.computeIfAbsent(Domains.registrable(w), k -> new ArrayList<>()).add(e);
      }
    }
    this.names = all.toArray(new IndexedName[0]);
    Map<String, List<Integer>> build = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String key : keys(names[i].normalized())) {
        build.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    this.postings = toArrays(build);
    this.entriesByDomain = toArrays(domains);
    this.unknownWeight = Math.log(1.0 + names.length);
    int n = names.length;
    TokenWeights weights = token -> {
      int[] p = postings.get(token);
      return p == null ? unknownWeight : Math.log(1.0 + (double) n / p.length);
    };
    this.scorer = new NameScorer(weights, tokenMin, compactMin, reviewThreshold);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
  }

  private void addName(List<IndexedName> out, Set<String> seen, int entry, String name,
      boolean primary, boolean weak) {
    addOne(out, seen, entry, name, primary, weak);
    // "Compagnie Aerienne des Grands Lacs (CAGL)": also index the name without the bracket
    if (name.contains("(")) {
      String bare = name.replaceAll("\\(.*?\\)", " ").trim();
      if (!bare.isEmpty()) {
        addOne(out, seen, entry, bare, primary, weak);
      }
    }
  }

  private void addOne(List<IndexedName> out, Set<String> seen, int entry, String name,
      boolean primary, boolean weak) {
    NormalizedName norm = normalizer.normalize(name);
    if (norm.isEmpty() || !seen.add(norm.compact())) {
      return;
    }
    out.add(new IndexedName(entry, name, norm, primary, weak));
  }

  static Set<String> keys(NormalizedName n) {
    Set<String> keys = new LinkedHashSet<>();
    for (String t : n.tokens()) {
      keys.add(t);
      if (t.length() >= 5) {
        keys.add("p:" + t.substring(0, 4));
        keys.add("s:" + t.substring(t.length() - 4));
      }
    }
    keys.addAll(n.blockingTokens());
    if (n.compact().length() >= 6) {
      keys.add("c:" + n.compact().substring(0, 6));
    }
    return keys;
  }

  public ListEntry entry(int i) {
    return entries.get(i);
  }

  public int nameCount() {
    return names.length;
  }

  public int entryCount() {
    return entries.size();
  }

  /** Entries whose websites or email addresses share this registrable domain. */
  public int[] entriesWithDomain(String registrableDomain) {
    int[] e = entriesByDomain.get(registrableDomain);
    return e == null ? new int[0] : e;
  }

  public NormalizedName normalize(String name) {
    return normalizer.normalize(name);
  }

  /**
   * The best-scoring list names for a query, best first, at most one per entry, only those with
   * a score above zero.
   */
  public List<NameMatch> search(String query, int limit) {
    NormalizedName q = normalizer.normalize(query);
    if (q.isEmpty()) {
      return List.of();
    }
    Scratch s = scratch.get();
    s.clear();
    List<int[]> frequent = new ArrayList<>();
    List<Double> frequentWeights = new ArrayList<>();
    for (String key : keys(q)) {
      int[] p = postings.get(key);
      if (p == null) {
        continue;
      }
      double w = Math.log(1.0 + (double) names.length / p.length);
      if (p.length > maxPostings) {
        frequent.add(p);
        frequentWeights.add(w);
        continue;
      }
      s.add(p, w);
    }
    if (s.touchedCount == 0) {
      // only very common words ("china", "trading"): fall back to them, rarest first
      for (int i = 0; i < frequent.size() && s.touchedCount == 0; i++) {
        s.add(frequent.get(i), frequentWeights.get(i));
      }
    }
    int[] candidates = s.top(maxCandidates);
    Map<Integer, NameMatch> bestPerEntry = new HashMap<>();
    for (int c : candidates) {
      IndexedName name = names[c];
      NameScorer.Scored sc = scorer.score(q, name.normalized());
      if (sc.score() <= 0 || sc.how() == null) {
        continue;
      }
      NameMatch m = new NameMatch(query, name, sc.score(), sc.how());
      bestPerEntry.merge(name.entry(), m, NameIndex::better);
    }
    List<NameMatch> out = new ArrayList<>(bestPerEntry.values());
    out.sort(ORDER);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /** Higher score; then strong over weak; then primary over alias; then lower entry index. */
  static final java.util.Comparator<NameMatch> ORDER =
      java.util.Comparator.comparingDouble(NameMatch::score).reversed()
          .thenComparing(m -> m.name().weak())
          .thenComparing(m -> !m.name().primary())
          .thenComparingInt(m -> m.name().entry());

  static NameMatch better(NameMatch a, NameMatch b) {
    return ORDER.compare(a, b) <= 0 ? a : b;
  }

  private static Map<String, int[]> toArrays(Map<String, List<Integer>> m) {
    Map<String, int[]> out = new HashMap<>(m.size() * 2);
    for (Map.Entry<String, List<Integer>> e : m.entrySet()) {
      out.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).distinct().toArray());
    }
    return out;
  }

  /** Candidates sharing less than this fraction of the best candidate's key weight are not scored. */
  static final double RELATIVE_CUT = 0.4;

  /** Per-thread accumulators over all names, cleared by touching only what was used. */
  private static final class Scratch {
    final float[] acc;
    final int[] touched;
    int touchedCount;

    Scratch(int n) {
      acc = new float[n];
      touched = new int[n];
    }

    void clear() {
      for (int i = 0; i < touchedCount; i++) {
        acc[touched[i]] = 0;
      }
      touchedCount = 0;
    }

    void add(int[] posting, double w) {
      for (int id : posting) {
        if (acc[id] == 0) {
          touched[touchedCount++] = id;
        }
        acc[id] += (float) w;
      }
    }

    /**
     * The best {@code k} names by accumulated key weight, leaving out those below {@link
     * #RELATIVE_CUT} of the best: they share only common words with the query.
     */
    int[] top(int k) {
      float max = 0;
      for (int i = 0; i < touchedCount; i++) {
        max = Math.max(max, acc[touched[i]]);
      }
      float floor = (float) (max * RELATIVE_CUT);
      int kept = 0;
      for (int i = 0; i < touchedCount; i++) {
        if (acc[touched[i]] >= floor) {
          touched[kept++] = touched[i];
        } else {
          acc[touched[i]] = 0;
        }
      }
      touchedCount = kept;
      if (touchedCount <= k) {
        return Arrays.copyOf(touched, touchedCount);
      }
      long[] keyed = new long[touchedCount];
      for (int i = 0; i < touchedCount; i++) {
        int id = touched[i];
        keyed[i] = ((long) Float.floatToIntBits(acc[id]) << 32) | (0xffffffffL & ~id);
      }
      Arrays.sort(keyed);
      int[] out = new int[k];
      for (int i = 0; i < k; i++) {
        out[i] = ~(int) keyed[touchedCount - 1 - i];
      }
      return out;
    }
  }
}
