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
      List<String> negativeExamples) {

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
      for (String e : negativeExamples) {
        b.append("  flagged negative: ").append(e).append('\n');
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
    Random random = new Random(seed);
    Map<String, Set<String>> namesOfEntry = new HashMap<>();
    Set<String> listedCompacts = new HashSet<>();
    List<String[]> aliasQueries = new ArrayList<>(); // alias, list, id
    screener.lists().forEach(l -> l.entries().forEach(e -> {
      Set<String> compacts = new HashSet<>();
      for (String n : e.allNames()) {
        for (String v : NameIndex.variants(n)) {
          String c = normalizer.normalize(v).compact();
          compacts.add(c);
          listedCompacts.add(c);
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
      String compact = normalizer.normalize(aliasQueries.get(i)[0]).compact();
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
    for (String n : base) {
      if (listedCompacts.contains(normalizer.normalize(n).compact())) {
        continue; // actually listed: not a negative
      }
      negatives.add(n);
      negatives.add(perturb(n, random));
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
      if (r.outcome() != Outcome.NO_MATCH && examples.size() < 15) {
        examples.add(String.format(Locale.ROOT, "%s -> %s %.2f '%s'", n, r.outcome().code(),
            r.score(), r.entry().name()));
      }
    }
    return new Report(seed, aliasQueries.size(), hitsExact, matchesExact, hitsPerturbed,
        matchesPerturbed, wrong, negatives.size(), fm, fr, examples);
  }

  private List<ScreeningResult> screenNames(List<String> names) {
    return names.parallelStream().map(name -> {
      AccountInfo a = new AccountInfo("eval");
      a.orgName = name;
      return screener.screen(a);
    }).toList();
  }

  private static boolean correct(ScreeningResult r, String aliasCompact,
      Map<String, Set<String>> namesOfEntry) {
    if (r.outcome() == Outcome.NO_MATCH || r.entry() == null) {
      return false;
    }
    Set<String> names = namesOfEntry.get(key(r.entry().list(), r.entry().id()));
    return names != null && names.contains(aliasCompact);
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
