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

  /**
   * Optimal string alignment distance (Damerau–Levenshtein without re-editing a substring): insert,
   * delete, substitute or swap two adjacent characters, each cost 1. Stops early and returns
   * {@code max + 1} once the distance must exceed {@code max}.
   */
  public static int damerau(String a, String b, int max) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > max) {
      return max + 1;
    }
    if (a.equals(b)) {
      return 0;
    }
    // only cells within max of the diagonal can stay within max: a band, not the whole table
    int inf = max + 1;
    int[] prev2 = new int[lb + 1];
    int[] prev = new int[lb + 1];
    int[] cur = new int[lb + 1];
    for (int j = 0; j <= lb; j++) {
      prev[j] = j <= max ? j : inf;
      prev2[j] = inf;
    }
    for (int i = 1; i <= la; i++) {
      int from = Math.max(1, i - max);
      int to = Math.min(lb, i + max);
      java.util.Arrays.fill(cur, inf);
      cur[0] = i <= max ? i : inf;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = from; j <= to; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = Math.min(d, inf);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return inf;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[lb];
  }

  /**
   * 1 − {@link #damerau} distance / length of the longer string, when it reaches {@code min}; else a
   * value below {@code min} (the distance is only computed as far as {@code min} needs).
   */
  public static double damerauRatio(String a, String b, double min) {
    int len = Math.max(a.length(), b.length());
    if (len == 0) {
      return 1.0;
    }
    int max = (int) Math.floor((1 - min) * len + 1e-9);
    int d = damerau(a, b, max);
    return d > max ? Math.min(min - 1e-6, 1.0 - (double) d / len) : 1.0 - (double) d / len;
  }

  /**
   * A word's sound skeleton, so that romanisations of the same name compare equal ("kaby" /
   * "caby", "klub" / "club", "sis" / "cis"): c before e, i or y becomes s, other c, q and ck k, ph
   * f, w v, y i, x ks,
   * dzh and dj j, ou u, ee i, oo u, kh h; doubled letters are written once.
   */
  public static String skeleton(String t) {
    StringBuilder b = new StringBuilder(t.length());
    int n = t.length();
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      char next = i + 1 < n ? t.charAt(i + 1) : 0;
      String out;
      if (c == 'p' && next == 'h') {
        out = "f";
        i++;
      } else if (c == 'c' && next == 'k') {
        out = "k";
        i++;
      } else if (c == 'k' && next == 'h') {
        out = "h";
        i++;
      } else if (c == 'd' && next == 'z' && i + 2 < n && t.charAt(i + 2) == 'h') {
        out = "j";
        i += 2;
      } else if (c == 'd' && next == 'j') {
        out = "j";
        i++;
      } else if (c == 'o' && next == 'u' || c == 'o' && next == 'o') {
        out = "u";
        i++;
      } else if (c == 'e' && next == 'e') {
        out = "i";
        i++;
      } else {
        out = switch (c) {
          case 'c' -> next == 'e' || next == 'i' || next == 'y' ? "s" : "k";
          case 'q' -> "k";
          case 'w' -> "v";
          case 'y' -> "i";
          case 'x' -> "ks";
          default -> String.valueOf(c);
        };
      }
      for (int k = 0; k < out.length(); k++) {
        char o = out.charAt(k);
        if (b.length() == 0 || b.charAt(b.length() - 1) != o) {
          b.append(o);
        }
      }
    }
    return b.toString();
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
