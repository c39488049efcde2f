package io.distillwatch.screening.match;

import io.distillwatch.screening.lists.Domains;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.text.NameNormalizer;
import io.distillwatch.screening.text.NormalizedName;
import io.distillwatch.screening.text.Similarity;
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
 * Candidates are the names sharing keys, ranked by the Dice overlap of key rarity (2 · shared /
 * (query + name)); the best {@code maxCandidates} are scored by {@link NameScorer}. Immutable and thread-safe after
 * construction.
 */
public final class NameIndex {
  private final List<ListEntry> entries;
  private final IndexedName[] names;
  private final Map<String, int[]> postings;
  /** Summed weight of each name's own keys, to rank candidates by Dice overlap of keys. */
  private final float[] keyWeightOfName;
  /** Each name's tokens prepared for scoring (weights, skeletons, letter sets). */
  private final NameScorer.Prepared[] preparedOfName;
  private final Map<String, int[]> entriesByDomain;
  /** Each entry's primary name as indexed (its first form), or -1 when it normalised to nothing. */
  private final int[] primaryOfEntry;
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
    // normalising ~38k names is most of the load time: do it in parallel, then dedupe in order
    List<IndexedName> raw = java.util.stream.IntStream.range(0, this.entries.size()).parallel()
        .mapToObj(e -> namesOf(e, this.entries.get(e)))
        .flatMap(List::stream)
        .toList();
    List<IndexedName> all = new ArrayList<>(raw.size());
    Set<String> seen = new java.util.HashSet<>();
    for (IndexedName n : raw) {
      // the same tokens written with other legal forms are kept apart: their letters differ
      if (seen.add(n.entry() + "\u0000" + n.normalized().letters())) {
        all.add(n);
      }
    }
    Map<String, List<Integer>> domains = new HashMap<>();
    for (int e = 0; e < this.entries.size(); e++) {
      for (String w : this.entries.get(e).websites()) {
        domains.computeIfAbsent(Domains.registrable(w), k -> new ArrayList<>()).add(e);
      }
    }
    this.names = all.toArray(new IndexedName[0]);
    this.primaryOfEntry = new int[this.entries.size()];
    Arrays.fill(primaryOfEntry, -1);
    for (int i = names.length - 1; i >= 0; i--) {
      if (names[i].primary()) {
        primaryOfEntry[names[i].entry()] = i;
      }
    }
    Map<String, List<Integer>> build = new HashMap<>();
    String[][] keysOfName = java.util.stream.IntStream.range(0, names.length).parallel()
        .mapToObj(i -> keys(names[i].normalized()).toArray(new String[0]))
        .toArray(String[][]::new);
    for (int i = 0; i < names.length; i++) {
      for (String key : keysOfName[i]) {
        build.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    this.postings = toArrays(build);
    this.keyWeightOfName = new float[names.length];
    for (int i = 0; i < names.length; i++) {
      double w = 0;
      for (String key : keysOfName[i]) {
        w += Math.log(1.0 + (double) names.length / postings.get(key).length);
      }
      keyWeightOfName[i] = (float) w;
    }
    this.entriesByDomain = toArrays(domains);
    this.unknownWeight = Math.log(1.0 + names.length);
    int n = names.length;
    TokenWeights weights = token -> {
      int[] p = postings.get(token);
      return p == null ? unknownWeight : Math.log(1.0 + (double) n / p.length);
    };
    this.scorer = new NameScorer(weights, tokenMin, compactMin, reviewThreshold);
    this.preparedOfName = java.util.stream.IntStream.range(0, names.length).parallel()
        .mapToObj(i -> scorer.prepare(names[i].normalized().tokens()))
        .toArray(NameScorer.Prepared[]::new);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
  }

  /** Every indexed form of an entry's names, primary first, in order (duplicates removed later). */
  private List<IndexedName> namesOf(int e, ListEntry entry) {
    List<IndexedName> out = new ArrayList<>();
    for (String variant : variants(entry.name())) {
      addOne(out, e, variant, true, false);
    }
    for (ListEntry.Alias a : entry.aliases()) {
      for (String variant : variants(a.name())) {
        addOne(out, e, variant, false, a.weak());
      }
    }
    return out;
  }

  /**
   * The forms of a list name that are indexed: as written and, when it has a bracketed part,
   * without it ("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)" → "COMPAGNIE AERIENNE DES GRANDS LACS").
   */
  public static List<String> variants(String name) {
    if (!name.contains("(")) {
      return List.of(name);
    }
    String bare = name.replaceAll("\\(.*?\\)", " ").trim();
    return bare.isEmpty() ? List.of(name) : List.of(name, bare);
  }

  private void addOne(List<IndexedName> out, int entry, String name, boolean primary,
      boolean weak) {
    NormalizedName norm = normalizer.normalize(name);
    if (!norm.isEmpty()) {
      out.add(new IndexedName(entry, name, norm, primary, weak));
    }
  }

  static Set<String> keys(NormalizedName n) {
    Set<String> keys = new LinkedHashSet<>();
    for (String t : n.tokens()) {
      keys.add(t);
      if (t.length() >= 5) {
        keys.add("p:" + t.substring(0, 4));
        keys.add("s:" + t.substring(t.length() - 4));
      }
      if (t.length() >= 2) {
        // a word with another romanisation ("caby"): keyed by its skeleton ("kabi"), which the
        // query looks up both as a key and as a word
        String k = Similarity.skeleton(t);
        if (!k.equals(t)) {
          keys.add("k:" + k);
        }
      }
      if (t.length() >= 5) {
        keys.add(sortedLettersKey(t));
      }
    }
    keys.addAll(n.blockingTokens());
    // the first letters without spaces, of the name and of all its words (a space moved or a
    // legal form glued to a word: "thehouthis", "swissoiltradin gsa")
    if (n.compact().length() >= 6) {
      keys.add("c:" + n.compact().substring(0, 6));
    }
    if (n.letters().length() >= 6) {
      keys.add("c:" + n.letters().substring(0, 6));
    }
    return keys;
  }

  /** A word's letters in sorted order: the same key after two letters are swapped anywhere. */
  private static String sortedLettersKey(String t) {
    char[] sorted = t.toCharArray();
    Arrays.sort(sorted);
    return "a:" + new String(sorted);
  }

  public ListEntry entry(int i) {
    return entries.get(i);
  }

  /** An entry's primary name as normalised, or null when nothing of it remains. */
  public NormalizedName primaryName(int entry) {
    int i = primaryOfEntry[entry];
    return i < 0 ? null : names[i].normalized();
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
    double queryWeight = 0;
    Set<String> queryKeys = keys(q);
    for (String t : q.tokens()) {
      if (!postings.containsKey(t)) {
        // a word no list name has: perhaps another romanisation, perhaps two letters swapped
        String k = Similarity.skeleton(t);
        queryKeys.add(k.equals(t) ? "k:" + k : k);
      } else {
        // a known word finds its names itself: its skeleton and letter keys would repeat them
        queryKeys.remove("k:" + Similarity.skeleton(t));
        queryKeys.remove(sortedLettersKey(t));
      }
    }
    for (String key : queryKeys) {
      int[] p = postings.get(key);
      if (p == null) {
        continue;
      }
      double w = Math.log(1.0 + (double) names.length / p.length);
      queryWeight += w;
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
    int[] candidates = s.top(maxCandidates, (float) queryWeight, keyWeightOfName);
    NameScorer.Prepared prepared = scorer.prepare(q.tokens());
    Map<Integer, NameMatch> bestPerEntry = new HashMap<>();
    for (int c : candidates) {
      IndexedName name = names[c];
      NameScorer.Scored sc = scorer.score(q, prepared, name.normalized(), preparedOfName[c]);
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

  /** Candidates whose key overlap is below this fraction of the best candidate's are not scored. */
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
     * The best {@code k} names by Dice overlap of key weight, leaving out those below {@link
     * #RELATIVE_CUT} of the best: they share only common words with the query.
     */
    int[] top(int k, float queryWeight, float[] nameWeight) {
      // rank by Dice overlap of key weight, 2·shared / (query + name): "gazprom" puts the name
      // GAZPROM before the dozens of "GAZPROM ..." subsidiaries that share the same key
      float max = 0;
      for (int i = 0; i < touchedCount; i++) {
        int id = touched[i];
        acc[id] = 2 * acc[id] / (queryWeight + nameWeight[id]);
        max = Math.max(max, acc[id]);
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
