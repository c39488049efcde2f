package io.distillwatch.screening.match;

import io.distillwatch.screening.text.NormalizedName;
import io.distillwatch.screening.text.Similarity;
import java.util.List;

/**
 * Scores a normalised query name against a normalised list name.
 *
 * <ul>
 *   <li>Equal normalised names (ignoring spaces) score 1.0.
 *   <li>Token score: tokens are paired one-to-one, best first, when equal, when they sound the same
 *       ({@link Similarity#skeleton}: "kaby" / "caby", credit {@value #SKELETON_CREDIT}), when one
 *       edit apart with transpositions (Damerau, 5+ letters; a swap in 4: credit {@value
 *       #ONE_EDIT_CREDIT}) or, for tokens of 4+ characters, when their Jaro–Winkler similarity
 *       reaches {@code token_similarity_min}. The
 *       weighted overlap is Σ sim·(w_q + w_l) / (Σ w_query + Σ w_list) with w = ln(1 + N/df), the
 *       rarity of the token among the N list names, so "Huawei" carries a name and "Technology"
 *       barely counts. The token score is 0.75 · weighted overlap + 0.25 · token set ratio.
 *   <li>Compact score: the Damerau ratio of the names without spaces ("hik vision" / "hikvision",
 *       pinyin syllables / joined pinyin), and of all their letters, legal forms and stopwords
 *       included ("SHIPPIN GLTD" / "SHIPPING LTD"), counted only from {@code
 *       compact_similarity_min} up.
 *   <li>The score is the larger of the two.
 * </ul>
 */
final class NameScorer {
  private static final double TOKEN_SET_WEIGHT = 0.25;
  /** Credit of a fuzzy token pair: 1 − 2·(1 − Jaro–Winkler). */
  private static final double FUZZY_STEEPNESS = 2.0;
  /** Credit of two words that sound the same ({@link Similarity#skeleton}). */
  static final double SKELETON_CREDIT = 0.95;
  /** Credit of two words one edit apart (Damerau: a swapped pair of letters counts once). */
  static final double ONE_EDIT_CREDIT = 0.88;
  /** Query coverage from which a name counts as contained in a list name with one word more. */
  static final double CONTAINED_MIN = 0.95;
  /** A contained name scores review threshold + this × the list name's weighted coverage. */
  static final double CONTAINED_RANGE = 0.08;

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
    return score(q, prepare(q.tokens()), l, prepare(l.tokens()));
  }

  /** What scoring needs of a name's tokens, worked out once per name: weights, skeletons, letters. */
  record Prepared(double[] weights, String[] skeletons, long[] masks) {}

  Prepared prepare(List<String> tokens) {
    long[] masks = new long[tokens.size()];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = charMask(tokens.get(i));
    }
    return new Prepared(weightsOf(tokens), skeletonsOf(tokens), masks);
  }

  static String[] skeletonsOf(List<String> tokens) {
    String[] out = new String[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Similarity.skeleton(tokens.get(i));
    }
    return out;
  }

  double[] weightsOf(List<String> tokens) {
    double[] w = new double[tokens.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.weight(tokens.get(i));
    }
    return w;
  }

  /** As {@link #score(NormalizedName, NormalizedName)} with the tokens' weights already looked up. */
  Scored score(NormalizedName q, Prepared pq, NormalizedName l, Prepared pl) {
    if (q.compact().equals(l.compact())) {
      return new Scored(1.0, new Explanation(Explanation.Kind.SAME, 1, 1));
    }
    double best = 0;
    Explanation how = null;
    List<String> qTokens = q.tokens();
    if (!q.blockingTokens().isEmpty()) {
      qTokens = mergeSyllables(qTokens, l.tokens());
      pq = prepare(qTokens);
    }
    Overlap o = align(qTokens, pq, l.tokens(), pl);
    double overlap = o.overlap();
    // the token set ratio can add at most TOKEN_SET_WEIGHT: skip it when the sum cannot reach review
    if ((1 - TOKEN_SET_WEIGHT) * overlap + TOKEN_SET_WEIGHT >= reviewThreshold) {
      double tsr = Similarity.tokenSetRatio(qTokens, l.tokens());
      best = (1 - TOKEN_SET_WEIGHT) * overlap + TOKEN_SET_WEIGHT * tsr;
      how = new Explanation(Explanation.Kind.TOKENS, overlap, tsr);
    } else {
      best = (1 - TOKEN_SET_WEIGHT) * overlap;
    }
    if (qTokens.size() >= 2 && o.unmatchedQuery() == 0 && o.queryCoverage() >= CONTAINED_MIN
        && o.unmatchedList() == 1) {
      // every word of the name is in the list name, which has one more: a word left out at
      // sign-up, or another party whose name contains this one; review, never match
      double contained = reviewThreshold + CONTAINED_RANGE * o.listCoverage();
      if (contained > best) {
        best = contained;
        how = new Explanation(Explanation.Kind.CONTAINED, o.listCoverage(), 0);
      }
    }
    double r = Math.max(compactRatio(q.compact(), l.compact()),
        q.letters().equals(q.compact()) && l.letters().equals(l.compact())
            ? 0 : compactRatio(q.letters(), l.letters()));
    if (r >= compactMin && r > best) {
      best = r;
      how = new Explanation(Explanation.Kind.COMPACT, r, 0);
    }
    return new Scored(best, how);
  }

  /** Damerau ratio of two space-less names of 6+ letters when it can reach the minimum, else 0. */
  private double compactRatio(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.min(la, lb) < 6 || 1.0 - (double) Math.abs(la - lb) / Math.max(la, lb) < compactMin) {
      return 0;
    }
    return Similarity.damerauRatio(a, b, compactMin);
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

  /**
   * The one-to-one token alignment: overlap (both sides' weights), the share of the query's and of
   * the list name's weight that is matched, and how many tokens of each side are left unmatched.
   */
  record Overlap(double overlap, double queryCoverage, double listCoverage, int unmatchedQuery,
      int unmatchedList) {}

  double weightedOverlap(List<String> qt, List<String> lt) {
    return align(qt, prepare(qt), lt, prepare(lt)).overlap();
  }

  Overlap align(List<String> qt, Prepared pq, List<String> lt, Prepared pl) {
    double[] wq = pq.weights();
    double[] wl = pl.weights();
    String[] sq = pq.skeletons();
    String[] sl = pl.skeletons();
    long[] maskQ = pq.masks();
    long[] maskL = pl.masks();
    int n = qt.size();
    int m = lt.size();
    if (n == 0 || m == 0) {
      return new Overlap(0, 0, 0, n, m);
    }
    double total = 0;
    for (double w : wq) {
      total += w;
    }
    for (double w : wl) {
      total += w;
    }
    double[] sim = new double[n * m];
    for (int i = 0; i < n; i++) {
      String a = qt.get(i);
      for (int j = 0; j < m; j++) {
        String b = lt.get(j);
        double s = 0;
        // hashes first: list names' strings keep theirs, so most unequal pairs cost one compare
        if (a.hashCode() == b.hashCode() && a.equals(b)) {
          s = 1.0;
        } else if (a.length() >= 2 && sq[i].hashCode() == sl[j].hashCode() && sq[i].equals(sl[j])) {
          s = SKELETON_CREDIT;
        } else if (a.length() >= 4 && b.length() >= 4) {
          if (jaroWinklerCanReach(a, b, maskQ[i], maskL[j], tokenMin)) {
            s = Similarity.jaroWinkler(a, b);
            // a near-miss word earns less than its raw similarity: "apple"/"appleworm" (0.91) earns 0.82
            s = s < tokenMin ? 0 : Math.max(0, 1 - FUZZY_STEEPNESS * (1 - s));
          }
          // one edit changes at most two letters of the letter sets
          if (s < ONE_EDIT_CREDIT && Long.bitCount(maskQ[i] ^ maskL[j]) <= 2 && oneEdit(a, b)) {
            s = ONE_EDIT_CREDIT;
          }
        }
        sim[i * m + j] = s;
      }
    }
    boolean[] usedQ = new boolean[n];
    boolean[] usedL = new boolean[m];
    double credit = 0;
    double creditQ = 0;
    double creditL = 0;
    int pairs = 0;
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
      creditQ += bs * wq[bi];
      creditL += bs * wl[bj];
      pairs++;
    }
    double totalQ = 0;
    for (double w : wq) {
      totalQ += w;
    }
    double totalL = total - totalQ;
    return new Overlap(total == 0 ? 0 : credit / total, totalQ == 0 ? 0 : creditQ / totalQ,
        totalL == 0 ? 0 : creditL / totalL, n - pairs, m - pairs);
  }

  /** One Damerau edit apart: any edit in words of 5+ letters, only a swap in words of 4. */
  private static boolean oneEdit(String a, String b) {
    int min = Math.min(a.length(), b.length());
    if (Math.abs(a.length() - b.length()) > 1 || (min < 5 && a.length() != b.length())) {
      return false;
    }
    if (min < 5) {
      int diff = 0;
      for (int k = 0; k < a.length(); k++) {
        diff += a.charAt(k) == b.charAt(k) ? 0 : 1;
      }
      if (diff != 2) {
        return false; // 4 letters: only a swap
      }
    }
    return Similarity.damerau(a, b, 1) <= 1;
  }

  record Scored(double score, Explanation how) {}
}
