package io.distillwatch.screening.text;

/** String similarity measures, each in [0,1] with 1 meaning equal. */
public final class Similarity {
  private Similarity() {}

  /** Jaro–Winkler similarity with the usual prefix scale 0.1 and prefix length at most 4. */
  public static double jaroWinkler(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) {
      return 0.0;
    }
    int window = Math.max(0, Math.max(la, lb) / 2 - 1);
    boolean[] matchedA = new boolean[la];
    boolean[] matchedB = new boolean[lb];
    int matches = 0;
    for (int i = 0; i < la; i++) {
      int from = Math.max(0, i - window);
      int to = Math.min(lb - 1, i + window);
      for (int j = from; j <= to; j++) {
        if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
          matchedA[i] = true;
          matchedB[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0.0;
    }
    int transpositions = 0;
    int k = 0;
    for (int i = 0; i < la; i++) {
      if (matchedA[i]) {
        while (!matchedB[k]) {
          k++;
        }
        if (a.charAt(i) != b.charAt(k)) {
          transpositions++;
        }
        k++;
      }
    }
    double m = matches;
    double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
    int prefix = 0;
    for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1.0 - jaro);
  }

  /** Levenshtein distance (insert, delete, substitute, each cost 1). */
  public static int levenshtein(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= b.length(); j++) {
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** 1 − Levenshtein distance / length of the longer string; 1.0 for two empty strings. */
  public static double levenshteinRatio(String a, String b) {
    int max = Math.max(a.length(), b.length());
    return max == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / max;
  }

  /**
   * Token set ratio (as in fuzzywuzzy, on Levenshtein ratio): the best ratio among the sorted
   * intersection and the intersection plus each side's remaining tokens. 1.0 when one token set
   * contains the other, so it is reported as an explanation, not used alone as the score.
   */
  public static double tokenSetRatio(java.util.Collection<String> a, java.util.Collection<String> b) {
    java.util.TreeSet<String> sa = new java.util.TreeSet<>(a);
    java.util.TreeSet<String> sb = new java.util.TreeSet<>(b);
    java.util.TreeSet<String> common = new java.util.TreeSet<>(sa);
    common.retainAll(sb);
    sa.removeAll(common);
    sb.removeAll(common);
    String t0 = String.join(" ", common);
    String t1 = join(t0, String.join(" ", sa));
    String t2 = join(t0, String.join(" ", sb));
    double best = levenshteinRatio(t1, t2);
    if (!t0.isEmpty()) {
      best = Math.max(best, Math.max(levenshteinRatio(t0, t1), levenshteinRatio(t0, t2)));
    }
    return best;
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + " " + b;
  }
}
