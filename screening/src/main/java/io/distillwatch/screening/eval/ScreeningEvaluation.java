package io.distillwatch.screening.eval;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.screening.Outcome;
import io.distillwatch.screening.Screener;
import io.distillwatch.screening.ScreeningResult;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.match.NameIndex;
import io.distillwatch.screening.text.NameNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Measures screening on the loaded lists themselves.
 *
 * <ul>
 *   <li>Alias recall: every alias of every non-individual entry is screened as an organisation
 *       name, as published and once perturbed (seeded: case and punctuation, a legal form added or
 *       removed, one typo inside a word of 6+ letters). A hit is a match or review whose entry is
 *       the alias's own entry or an entry carrying the same name, also with a bracketed part
 *       removed (the same company on another list, or a name several entries share).
 *   <li>False matches: {@link NegativeNames} (typed well-known companies plus generated names),
 *       minus any that normalise to a listed name, each screened once as published and once
 *       perturbed.
 *   <li>Precision over both sets: correct hits / all hits, at match level and at match-or-review
 *       level.
 * </ul>
 */
public final class ScreeningEvaluation {
  private static final String[] FORMS = {"LLC", "Co., Ltd.", "GmbH", "Ltd", "JSC", "Inc."};

  /** Counts and rates; "flagged" means match or review. */
  public record Report(
      long seed,
      int aliasQueries,
      int aliasHitsExact,
      int aliasMatchesExact,
      int aliasHitsPerturbed,
      int aliasMatchesPerturbed,
      int aliasWrongEntry,
      int negatives,
      int negativeMatches,
      int negativeReviews,
      List<String> negativeExamples,
      Map<Variants.Kind, ClassResult> variants,
      List<String> variantMisses) {

    /** Listed entities written in one variant class: queries, found (match or review), matched. */
    public record ClassResult(int queries, int found, int matched) {
      public double recall() {
        return ratio(found, queries);
      }
    }

    /** Share of variant queries (all classes) whose result names the right entry. */
    public double variantRecall() {
      int q = variants.values().stream().mapToInt(ClassResult::queries).sum();
      return ratio(variants.values().stream().mapToInt(ClassResult::found).sum(), q);
    }

    public double falseReviewRate() {
      return ratio(negativeReviews, negatives);
    }

    public double aliasRecallExact() {
      return ratio(aliasHitsExact, aliasQueries);
    }

    public double aliasRecallPerturbed() {
      return ratio(aliasHitsPerturbed, aliasQueries);
    }

    public double falseMatchRate() {
      return ratio(negativeMatches, negatives);
    }

    public double falseFlagRate() {
      return ratio(negativeMatches + negativeReviews, negatives);
    }

    /** Correct flagged positives over all flagged queries (perturbed aliases and negatives). */
    public double precisionFlagged() {
      int tp = aliasHitsPerturbed;
      return ratio(tp, tp + aliasWrongEntry + negativeMatches + negativeReviews);
    }

    public double precisionMatch() {
      int tp = aliasMatchesPerturbed;
      return ratio(tp, tp + negativeMatches);
    }

    public String render() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "seed %d%n", seed));
      b.append(String.format(Locale.ROOT,
          "alias queries %d: recall (match or review) as published %.4f, perturbed %.4f; "
              + "match only: as published %.4f, perturbed %.4f; flagged with a wrong entry %d%n",
          aliasQueries, aliasRecallExact(), aliasRecallPerturbed(),
          ratio(aliasMatchesExact, aliasQueries), ratio(aliasMatchesPerturbed, aliasQueries),
          aliasWrongEntry));
      b.append(String.format(Locale.ROOT,
          "negative queries %d: false match %d (%.4f), false review %d, flagged rate %.4f%n",
          negatives, negativeMatches, falseMatchRate(), negativeReviews, falseFlagRate()));
      b.append(String.format(Locale.ROOT,
          "precision (perturbed aliases + negatives): match %.4f, match or review %.4f%n",
          precisionMatch(), precisionFlagged()));
      int vq = variants.values().stream().mapToInt(ClassResult::queries).sum();
      b.append(String.format(Locale.ROOT,
          "listed entities written as people write them: %d queries, found (match or review naming "
              + "the right entry) %.4f%n", vq, variantRecall()));
      for (Map.Entry<Variants.Kind, ClassResult> e : variants.entrySet()) {
        ClassResult c = e.getValue();
        b.append(String.format(Locale.ROOT, "  %-16s %5d queries  found %.4f  match %.4f%n",
            e.getKey().name().toLowerCase(Locale.ROOT), c.queries(), c.recall(),
            ratio(c.matched(), c.queries())));
      }
      b.append(String.format(Locale.ROOT,
          "unlisted names %d: match %d, review %d (%.4f)%n", negatives, negativeMatches,
          negativeReviews, falseReviewRate()));
      for (String e : negativeExamples) {
        b.append("  flagged negative: ").append(e).append('\n');
      }
      for (String e : variantMisses) {
        b.append("  missed: ").append(e).append('\n');
      }
      return b.toString();
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 0 : (double) a / b;
    }
  }

  private final Screener screener;
  private final NameNormalizer normalizer = new NameNormalizer();

  public ScreeningEvaluation(Screener screener) {
    this.screener = screener;
  }

  public Report run(long seed, int generatedNegatives) {
    return run(seed, generatedNegatives, DEFAULT_PER_CLASS);
  }

  /** Variant queries per class (entries drawn at random, seeded). */
  public static final int DEFAULT_PER_CLASS = 1000;

  public Report run(long seed, int generatedNegatives, int perClass) {
    Random random = new Random(seed);
    Map<String, Set<String>> namesOfEntry = new HashMap<>();
    Set<String> listedCompacts = new HashSet<>();
    List<String[]> aliasQueries = new ArrayList<>(); // alias, list, id
    screener.lists().forEach(l -> l.entries().forEach(e -> {
      Set<String> compacts = new HashSet<>();
      for (String n : e.allNames()) {
        for (String v : NameIndex.variants(n)) {
          compacts.add(nameKey(v));
          listedCompacts.add(normalizedKey(v));
        }
      }
      namesOfEntry.put(key(e.list(), e.id()), compacts);
      if (!e.type().equals("individual")) {
        for (ListEntry.Alias a : e.aliases()) {
          if (!normalizer.normalize(a.name()).isEmpty()) {
            aliasQueries.add(new String[] {a.name(), e.list(), e.id()});
          }
        }
      }
    }));
    List<String> perturbedNames = new ArrayList<>(aliasQueries.size());
    for (String[] q : aliasQueries) {
      perturbedNames.add(perturb(q[0], random));
    }
    List<ScreeningResult> exactResults = screenNames(aliasQueries.stream().map(q -> q[0]).toList());
    List<ScreeningResult> perturbedResults = screenNames(perturbedNames);
    int hitsExact = 0;
    int matchesExact = 0;
    int hitsPerturbed = 0;
    int matchesPerturbed = 0;
    int wrong = 0;
    for (int i = 0; i < aliasQueries.size(); i++) {
      String compact = nameKey(aliasQueries.get(i)[0]);
      ScreeningResult exact = exactResults.get(i);
      if (correct(exact, compact, namesOfEntry)) {
        hitsExact++;
        matchesExact += exact.outcome() == Outcome.MATCH ? 1 : 0;
      }
      ScreeningResult perturbed = perturbedResults.get(i);
      if (correct(perturbed, compact, namesOfEntry)) {
        hitsPerturbed++;
        matchesPerturbed += perturbed.outcome() == Outcome.MATCH ? 1 : 0;
      } else if (perturbed.outcome() != Outcome.NO_MATCH) {
        wrong++;
      }
    }
    List<String> negatives = new ArrayList<>();
    List<String> base = new ArrayList<>(NegativeNames.KNOWN);
    base.addAll(NegativeNames.generated(seed, generatedNegatives));
    base.addAll(NativeScriptNames.UNLISTED);
    Random variantRandom = new Random(seed + 1);
    for (String n : base) {
      if (listedCompacts.contains(normalizedKey(n))) {
        continue; // actually listed: not a negative
      }
      negatives.add(n);
      negatives.add(perturb(n, random));
      String v = negativeVariant(n, variantRandom);
      if (v != null && !listedCompacts.contains(normalizedKey(v))) {
        negatives.add(v);
      }
    }
    int fm = 0;
    int fr = 0;
    List<String> examples = new ArrayList<>();
    List<ScreeningResult> negativeResults = screenNames(negatives);
    for (int i = 0; i < negatives.size(); i++) {
      String n = negatives.get(i);
      ScreeningResult r = negativeResults.get(i);
      if (r.outcome() == Outcome.MATCH) {
        fm++;
      } else if (r.outcome() == Outcome.REVIEW) {
        fr++;
      }
      if (r.outcome() == Outcome.MATCH || r.outcome() == Outcome.REVIEW && examples.size() < 15) {
        examples.add(String.format(Locale.ROOT, "%s -> %s %.2f '%s'", n, r.outcome().code(),
            r.score(), r.entry().name()));
      }
    }
    List<String> misses = new ArrayList<>();
    Map<Variants.Kind, Report.ClassResult> variants =
        variantRecall(seed, perClass, namesOfEntry, misses);
    return new Report(seed, aliasQueries.size(), hitsExact, matchesExact, hitsPerturbed,
        matchesPerturbed, wrong, negatives.size(), fm, fr, examples, variants, misses);
  }

  /**
   * A name as the matcher normalises it, word order aside: an unlisted name that normalises to a
   * listed one ("Energy Global" / "GLOBAL ENERGY COMPANY S.A.S.") is no negative.
   */
  private String normalizedKey(String name) {
    return String.join(" ", new java.util.TreeSet<>(normalizer.normalize(name).tokens()));
  }

  /** One variant class drawn at random among those that apply to an unlisted name. */
  private static String negativeVariant(String name, Random r) {
    List<Variants.Kind> kinds = new ArrayList<>(Variants.FOR_NEGATIVES);
    java.util.Collections.shuffle(kinds, r);
    for (Variants.Kind k : kinds) {
      String v = Variants.apply(k, name, r);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * Per class, up to {@code perClass} listed entries (seeded draw; organisations, and for Arabic
   * names individuals too, since they are most of the names written that way), one of their names (primary or alias) written in
   * the class's way; found when the result names an entry carrying that name.
   */
  private Map<Variants.Kind, Report.ClassResult> variantRecall(long seed, int perClass,
      Map<String, Set<String>> namesOfEntry, List<String> misses) {
    List<ListEntry> entries = new ArrayList<>();
    screener.lists().forEach(l -> entries.addAll(l.entries()));
    Map<Variants.Kind, Report.ClassResult> out = new java.util.EnumMap<>(Variants.Kind.class);
    for (Variants.Kind kind : Variants.Kind.values()) {
      Random r = new Random(seed * 31 + kind.ordinal());
      List<String[]> queries = new ArrayList<>(); // query, source name
      if (kind == Variants.Kind.CHINESE) {
        Set<String> listed = new HashSet<>();
        namesOfEntry.values().forEach(listed::addAll);
        for (String[] p : NativeScriptNames.CHINESE_LISTED) {
          if (sameName(listed, nameKey(p[1]))) {
            queries.add(new String[] {p[0], p[1]});
          }
        }
      } else {
        List<ListEntry> shuffled = new ArrayList<>(entries);
        java.util.Collections.shuffle(shuffled, r);
        for (ListEntry e : shuffled) {
          if (queries.size() >= perClass) {
            break;
          }
          if (e.type().equals("individual") && kind != Variants.Kind.ARABIC_NAMES) {
            continue;
          }
          if (kind == Variants.Kind.CYRILLIC
              && e.countries().stream().noneMatch(Variants.CYRILLIC_COUNTRIES::contains)) {
            continue;
          }
          String source;
          if (kind == Variants.Kind.PUBLISHED_ALIAS) {
            if (e.aliases().isEmpty()) {
              continue;
            }
            source = e.aliases().get(r.nextInt(e.aliases().size())).name();
            if (!normalizer.normalize(source).isEmpty()) {
              queries.add(new String[] {source, source});
            }
            continue;
          }
          List<String> names = e.allNames();
          source = r.nextBoolean() ? names.get(0) : names.get(r.nextInt(names.size()));
          String v = Variants.apply(kind, source, r);
          if (v != null && !normalizer.normalize(v).isEmpty()) {
            queries.add(new String[] {v, source});
          }
        }
      }
      List<ScreeningResult> results = screenNames(queries.stream().map(q -> q[0]).toList());
      int found = 0;
      int matched = 0;
      int shown = 0;
      for (int i = 0; i < queries.size(); i++) {
        ScreeningResult res = results.get(i);
        if (correct(res, nameKey(queries.get(i)[1]), namesOfEntry)) {
          found++;
          matched += res.outcome() == Outcome.MATCH ? 1 : 0;
        } else if (shown++ < 3) {
          misses.add(String.format(Locale.ROOT, "%s: '%s' for '%s' -> %s %.2f%s",
              kind.name().toLowerCase(Locale.ROOT), queries.get(i)[0], queries.get(i)[1],
              res.outcome().code(), res.score(),
              res.entry() == null ? "" : " '" + res.entry().name() + "'"));
        }
      }
      out.put(kind, new Report.ClassResult(queries.size(), found, matched));
    }
    return out;
  }

  private List<ScreeningResult> screenNames(List<String> names) {
    return names.parallelStream().map(name -> {
      AccountInfo a = new AccountInfo("eval");
      a.orgName = name;
      return screener.screen(a);
    }).toList();
  }

  /** Single words of the legal-form table and stopwords, left out of a name's identity. */
  private static final Set<String> NOT_NAME_WORDS = notNameWords();

  private static Set<String> notNameWords() {
    // "holdings"/"pc": words of the table when the baseline was measured, kept so the judge stays put
    Set<String> out = new HashSet<>(Set.of("the", "of", "and", "de", "la", "al", "el", "holdings",
        "holdingslimited", "pc"));
    for (String f : io.distillwatch.screening.text.LegalForms.all()) {
      for (String w : f.split("\\s+")) {
        out.add(io.distillwatch.screening.text.LegalForms.letters(w));
      }
      out.add(io.distillwatch.screening.text.LegalForms.letters(f));
    }
    return out;
  }

  /**
   * A name's identity for judging a hit, fixed so that it does not move with the matcher: lower-case
   * ASCII words in sorted order, without legal-form words and stopwords. The same name on another
   * list in another word order ("EBRAHIMI, Reza" / "Reza Ebrahimi") is the same name.
   */
  static String nameKey(String name) {
    String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("['.`]", "");
    java.util.TreeSet<String> words = new java.util.TreeSet<>();
    StringBuilder joined = new StringBuilder();
    for (String w : ascii.split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty() && !NOT_NAME_WORDS.contains(w)) {
        String one = w.length() >= 5 && w.endsWith("ies") ? w.substring(0, w.length() - 3) + "y"
            : w.length() >= 5 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1)
            : w;
        words.add(one);
        joined.append(one);
      }
    }
    return String.join(" ", words) + "|" + joined;
  }

  /** Whether two name keys are the same name: same words in any order, or same letters. */
  private static boolean sameName(Set<String> keysOfEntry, String key) {
    if (keysOfEntry.contains(key)) {
      return true;
    }
    String words = key.substring(0, key.indexOf('|'));
    String letters = key.substring(key.indexOf('|') + 1);
    for (String k : keysOfEntry) {
      if (k.startsWith(words + "|") || k.endsWith("|" + letters)) {
        return true;
      }
    }
    return false;
  }

  private static boolean correct(ScreeningResult r, String aliasCompact,
      Map<String, Set<String>> namesOfEntry) {
    if (r.outcome() == Outcome.NO_MATCH || r.entry() == null) {
      return false;
    }
    // a party listed several times is shown once, its lists and ids joined by "; "
    String[] lists = r.entry().list().split("; ");
    String[] ids = r.entry().id().split("; ");
    for (int i = 0; i < Math.min(lists.length, ids.length); i++) {
      Set<String> names = namesOfEntry.get(key(lists[i], ids[i]));
      if (names != null && sameName(names, aliasCompact)) {
        return true;
      }
    }
    return false;
  }


  /** One or two of: lower case without punctuation, a legal form added or dropped, one typo. */
  static String perturb(String name, Random r) {
    String s = name;
    int kinds = 1 + r.nextInt(2);
    for (int k = 0; k < kinds; k++) {
      switch (r.nextInt(3)) {
        case 0 -> s = s.toLowerCase(Locale.ROOT).replaceAll("[.,'\"()]", "");
        case 1 -> s = s + " " + FORMS[r.nextInt(FORMS.length)];
        default -> s = typo(s, r);
      }
    }
    return s;
  }

  private static String typo(String s, Random r) {
    String[] words = s.split(" ");
    List<Integer> longWords = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      if (words[i].length() >= 6 && words[i].chars().allMatch(Character::isLetter)) {
        longWords.add(i);
      }
    }
    if (longWords.isEmpty()) {
      return s;
    }
    int w = longWords.get(r.nextInt(longWords.size()));
    char[] c = words[w].toCharArray();
    int pos = 1 + r.nextInt(c.length - 2);
    if (r.nextBoolean()) {
      char t = c[pos];
      c[pos] = c[pos + 1];
      c[pos + 1] = t;
    } else {
      c[pos] = (char) ('a' + r.nextInt(26));
    }
    words[w] = new String(c);
    return String.join(" ", words);
  }

  private static String key(String list, String id) {
    return list + "\u0000" + id;
  }
}
