package io.distillwatch.screening.match;

import io.distillwatch.screening.text.NormalizedName;
import io.distillwatch.screening.text.Similarity;
import java.util.List;

/**
 * Scores a normalised query name against a normalised list name.
 *
 * <ul>
 *   <li>Equal normalised names (ignoring spaces) score 1.0.
 *   <li>Token score: tokens are paired one-to-one, best first, when equal or, for tokens of 4+
 *       characters, when their Jaro–Winkler similarity reaches {@code token_similarity_min}. The
 *       weighted overlap is Σ sim·(w_q + w_l) / (Σ w_query + Σ w_list) with w = ln(1 + N/df), the
 *       rarity of the token among the N list names, so "Huawei" carries a name and "Technology"
 *       barely counts. The token score is 0.75 · weighted overlap + 0.25 · token set ratio.
 *   <li>Compact score: when the token counts differ, the Levenshtein ratio of the names without
 *       spaces ("hik vision" / "hikvision", pinyin syllables / joined pinyin), counted only from
 *       {@code compact_similarity_min} up.
 *   <li>The score is the larger of the two.
 * </ul>
 */
final class NameScorer {
  private static final double TOKEN_SET_WEIGHT = 0.25;
  /** Credit of a fuzzy token pair: 1 − 2·(1 − Jaro–Winkler). */
  private static final double FUZZY_STEEPNESS = 2.0;

  private final TokenWeights weights;
  private final double tokenMin;
  private final double compactMin;
  private final double reviewThreshold;

  NameScorer(TokenWeights weights, double tokenMin, double compactMin, double reviewThreshold) {
    this.weights = weights;
    this.tokenMin = tokenMin;
    this.compactMin = compactMin;
    this.reviewThreshold = reviewThreshold;
  }

  /** Score and a short explanation, or a score of 0 with null explanation. */
  Scored score(NormalizedName q, NormalizedName l) {
    return score(q, weightsOf(q.tokens()), l, weightsOf(l.tokens()));
  }

  double[] weightsOf(List<String> tokens) {
    double[] w = new double[tokens.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.weight(tokens.get(i));
    }
    return w;
  }

  /** As {@link #score(NormalizedName, NormalizedName)} with the tokens' weights already looked up. */
  Scored score(NormalizedName q, double[] qWeights, NormalizedName l, double[] lWeights) {
    if (q.compact().equals(l.compact())) {
      return new Scored(1.0, new Explanation(Explanation.Kind.SAME, 1, 1));
    }
    double best = 0;
    Explanation how = null;
    List<String> qTokens = q.tokens();
    double[] qw = qWeights;
    if (!q.blockingTokens().isEmpty()) {
      qTokens = mergeSyllables(qTokens, l.tokens());
      qw = weightsOf(qTokens);
    }
    double overlap = weightedOverlap(qTokens, qw, l.tokens(), lWeights);
    // the token set ratio can add at most TOKEN_SET_WEIGHT: skip it when the sum cannot reach review
    if ((1 - TOKEN_SET_WEIGHT) * overlap + TOKEN_SET_WEIGHT >= reviewThreshold) {
      double tsr = Similarity.tokenSetRatio(qTokens, l.tokens());
      best = (1 - TOKEN_SET_WEIGHT) * overlap + TOKEN_SET_WEIGHT * tsr;
      how = new Explanation(Explanation.Kind.TOKENS, overlap, tsr);
    } else {
      best = (1 - TOKEN_SET_WEIGHT) * overlap;
    }
    if (q.tokens().size() != l.tokens().size()) {
      int la = q.compact().length();
      int lb = l.compact().length();
      int max = Math.max(la, lb);
      if (Math.min(la, lb) >= 6 && 1.0 - (double) Math.abs(la - lb) / max >= compactMin) {
        double r = Similarity.levenshteinRatio(q.compact(), l.compact());
        if (r >= compactMin && r > best) {
          best = r;
          how = new Explanation(Explanation.Kind.COMPACT, r, 0);
        }
      }
    }
    return new Scored(best, how);
  }

  /**
   * Whether Jaro–Winkler could reach {@code min}: an upper bound taking every character that
   * occurs in the other token as matched without transpositions, plus the prefix bonus of the
   * common prefix.
   */
  static boolean jaroWinklerCanReach(String a, String b, long maskA, long maskB, double min) {
    int la = a.length();
    int lb = b.length();
    // a character can only be matched if the other token contains it at all
    double m = Math.min(Math.min(la, lb), Math.min(present(a, maskB), present(b, maskA)));
    if (m == 0) {
      return false;
    }
    double jaro = (m / la + m / lb + 1.0) / 3.0;
    int prefix = 0;
    while (prefix < 4 && prefix < m && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1.0 - jaro) >= min;
  }

  /** Bit set of the characters of a token (a–z, 0–9; others share one bit). */
  static long charMask(String t) {
    long mask = 0;
    for (int i = 0; i < t.length(); i++) {
      mask |= 1L << bit(t.charAt(i));
    }
    return mask;
  }

  private static int present(String t, long otherMask) {
    int count = 0;
    for (int i = 0; i < t.length(); i++) {
      if ((otherMask & (1L << bit(t.charAt(i)))) != 0) {
        count++;
      }
    }
    return count;
  }

  private static int bit(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '0' && c <= '9') {
      return 26 + (c - '0');
    }
    return 63;
  }

  /**
   * Joins consecutive pinyin syllables of the query when the joined form is a token of the list
   * name ("zhe jiang da hua" against "zhejiang dahua" becomes "zhejiang dahua").
   */
  static List<String> mergeSyllables(List<String> query, List<String> listTokens) {
    java.util.Set<String> target = new java.util.HashSet<>(listTokens);
    List<String> out = new java.util.ArrayList<>(query.size());
    int i = 0;
    while (i < query.size()) {
      int take = 1;
      StringBuilder joined = new StringBuilder(query.get(i));
      StringBuilder best = null;
      for (int j = i + 1; j < Math.min(query.size(), i + 4); j++) {
        joined.append(query.get(j));
        if (target.contains(joined.toString())) {
          take = j - i + 1;
          best = new StringBuilder(joined);
        }
      }
      out.add(best == null ? query.get(i) : best.toString());
      i += take;
    }
    return out;
  }

  double weightedOverlap(List<String> qt, double[] wq, List<String> lt, double[] wl) {
    int n = qt.size();
    int m = lt.size();
    if (n == 0 || m == 0) {
      return 0;
    }
    double total = 0;
    for (double w : wq) {
      total += w;
    }
    for (double w : wl) {
      total += w;
    }
    long[] maskQ = new long[n];
    long[] maskL = new long[m];
    for (int i = 0; i < n; i++) {
      maskQ[i] = charMask(qt.get(i));
    }
    for (int j = 0; j < m; j++) {
      maskL[j] = charMask(lt.get(j));
    }
    double[] sim = new double[n * m];
    for (int i = 0; i < n; i++) {
      String a = qt.get(i);
      for (int j = 0; j < m; j++) {
        String b = lt.get(j);
        double s;
        if (a.equals(b)) {
          s = 1.0;
        } else if (a.length() >= 4 && b.length() >= 4
            && jaroWinklerCanReach(a, b, maskQ[i], maskL[j], tokenMin)) {
          s = Similarity.jaroWinkler(a, b);
          // a near-miss word earns less than its raw similarity: "apple"/"appleworm" (0.91) earns 0.82
          s = s < tokenMin ? 0 : Math.max(0, 1 - FUZZY_STEEPNESS * (1 - s));
        } else {
          s = 0;
        }
        sim[i * m + j] = s;
      }
    }
    boolean[] usedQ = new boolean[n];
    boolean[] usedL = new boolean[m];
    double credit = 0;
    for (int round = 0; round < Math.min(n, m); round++) {
      int bi = -1;
      int bj = -1;
      double bs = 0;
      for (int i = 0; i < n; i++) {
        if (usedQ[i]) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          if (!usedL[j] && sim[i * m + j] > bs) {
            bs = sim[i * m + j];
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) {
        break;
      }
      usedQ[bi] = true;
      usedL[bj] = true;
      credit += bs * (wq[bi] + wl[bj]);
    }
    return total == 0 ? 0 : credit / total;
  }

  record Scored(double score, Explanation how) {}
}
