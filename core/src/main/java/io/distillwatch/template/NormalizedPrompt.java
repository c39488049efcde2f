package io.distillwatch.template;

/**
 * A tokenised prompt and its template skeleton: a view of a {@link PromptNormalizer}'s buffers, valid
 * until that normaliser's next call. See {@link PromptNormalizer} for the rules.
 */
public final class NormalizedPrompt {
  private static final long HEAD_SEED = 0x48454144L; // "HEAD"
  private static final long TAIL_SEED = 0x5441494cL; // "TAIL"

  private final PromptNormalizer p;
  private int headEnd;
  private int tailStart;
  private boolean elided;
  private long headKey;
  private long tailKey;

  NormalizedPrompt(PromptNormalizer p) {
    this.p = p;
  }

  void reset() {
    int n = p.n;
    int h = Math.min(n, PromptNormalizer.HEAD_MAX);
    for (int k = 0; k < Math.min(n, PromptNormalizer.HEAD_MAX); k++) {
      if (p.term[k] != 0 && k + 1 >= 3) {
        h = k + 1;
        break;
      }
    }
    headEnd = h;
    // the last sentence: after the last boundary before the final token
    int s = 0;
    for (int k = n - 2; k >= 0; k--) {
      if (p.term[k] != 0) {
        s = k + 1;
        break;
      }
    }
    s = Math.max(s, n - PromptNormalizer.TAIL_MAX);
    elided = n > PromptNormalizer.FULL_MAX;
    tailStart = elided ? Math.max(s, headEnd) : s;
    headKey = n == 0 ? 0 : keyOf(0, headEnd, HEAD_SEED);
    tailKey = n == 0 ? 0 : keyOf(Math.max(0, s), n, TAIL_SEED);
  }

  private long keyOf(int from, int to, long seed) {
    long h = seed;
    for (int k = from; k < to; k++) {
      h = Hash64.combine(h, p.hash[k]);
    }
    long key = Hash64.mix(h ^ (to - from));
    return key == 0 ? 1 : key; // 0 means "no template"
  }

  /** Number of tokens. */
  public int tokenCount() {
    return p.n;
  }

  public boolean isEmpty() {
    return p.n == 0;
  }

  /** 64-bit hash of token {@code i} (placeholders hash to a constant per kind). */
  public long tokenHash(int i) {
    return p.hash[i];
  }

  /** Boundary character after token {@code i} ({@code . ? ! : ; \n}), or 0. */
  public char terminator(int i) {
    return p.term[i];
  }

  /** True when token {@code i} is the first on its line. */
  public boolean atLineStart(int i) {
    return p.lineStart[i];
  }

  /** Length in chars of token {@code i} in the original text. */
  public int tokenLength(int i) {
    return p.end[i] - p.start[i];
  }

  /** True when token {@code i} is a plain word (not a placeholder or CJK character). */
  public boolean isWord(int i) {
    return p.kind[i] == PromptNormalizer.WORD;
  }

  /** Template identity of the head (first sentence); 0 for an empty prompt. */
  public long headKey() {
    return headKey;
  }

  /** Template identity of the tail (last sentence); 0 for an empty prompt. */
  public long tailKey() {
    return tailKey;
  }

  /** True when the middle of the prompt was elided in the skeleton. */
  public boolean elided() {
    return elided;
  }

  /** Number of tokens in the skeleton (head, elision, tail). */
  public int skeletonLength() {
    return elided ? headEnd + 1 + (p.n - tailStart) : p.n;
  }

  /** Hash of skeleton token {@code i}, {@code 0 <= i < skeletonLength()}. */
  public long skeletonHash(int i) {
    if (!elided) {
      return p.hash[i];
    }
    if (i < headEnd) {
      return p.hash[i];
    }
    if (i == headEnd) {
      return PromptNormalizer.PLACEHOLDER_HASH[PromptNormalizer.ELIDED];
    }
    return p.hash[tailStart + i - headEnd - 1];
  }

  /** The whole skeleton, e.g. {@code "solve the following problem: {…} show your reasoning."}. */
  public String skeleton() {
    return skeleton(Integer.MAX_VALUE);
  }

  /** The skeleton cut to at most {@code maxChars} (an ellipsis marks a cut). */
  public String skeleton(int maxChars) {
    StringBuilder b = new StringBuilder(64);
    if (!elided) {
      render(b, 0, p.n);
    } else {
      render(b, 0, headEnd);
      space(b, false);
      b.append(PromptNormalizer.PLACEHOLDER[PromptNormalizer.ELIDED]);
      render(b, tailStart, p.n);
    }
    if (b.length() > maxChars) {
      b.setLength(Math.max(0, maxChars - 1));
      b.append('…');
    }
    return b.toString();
  }

  /** The head sentence rendered alone. */
  public String head(int maxChars) {
    StringBuilder b = new StringBuilder(48);
    render(b, 0, headEnd, maxChars);
    if (headEnd < p.n) {
      b.append(" {…}");
    }
    return cut(b, maxChars);
  }

  /** The tail sentence rendered alone. */
  public String tail(int maxChars) {
    StringBuilder b = new StringBuilder(48);
    int s = tailStartForKey();
    if (s > 0) {
      b.append("{…}");
    }
    render(b, s, p.n, maxChars);
    return cut(b, maxChars);
  }

  private int tailStartForKey() {
    int s = 0;
    for (int k = p.n - 2; k >= 0; k--) {
      if (p.term[k] != 0) {
        s = k + 1;
        break;
      }
    }
    return Math.max(s, p.n - PromptNormalizer.TAIL_MAX);
  }

  private static String cut(StringBuilder b, int maxChars) {
    if (b.length() > maxChars) {
      b.setLength(Math.max(0, maxChars - 1));
      b.append('…');
    }
    return b.toString();
  }

  private void render(StringBuilder b, int from, int to) {
    render(b, from, to, Integer.MAX_VALUE);
  }

  /** Renders tokens until the text is longer than {@code maxChars}: what follows would be cut anyway. */
  private void render(StringBuilder b, int from, int to, int maxChars) {
    CharSequence t = p.text;
    for (int k = from; k < to && b.length() <= maxChars; k++) {
      byte kind = p.kind[k];
      space(b, kind == PromptNormalizer.CJK);
      if (kind == PromptNormalizer.WORD) {
        for (int c = p.start[k]; c < p.end[k]; c++) {
          char ch = t.charAt(c);
          b.append(ch == '\u2019' ? '\'' : Character.toLowerCase(ch));
        }
      } else if (kind == PromptNormalizer.CJK) {
        b.append(t.charAt(p.start[k]));
      } else {
        b.append(PromptNormalizer.PLACEHOLDER[kind]);
      }
      char term = p.term[k];
      if (term != 0 && term != '\n') {
        b.append(term);
      }
    }
  }

  private static void space(StringBuilder b, boolean cjk) {
    if (b.length() == 0) {
      return;
    }
    char last = b.charAt(b.length() - 1);
    if (cjk && PromptNormalizer.isCjk(last)) {
      return;
    }
    b.append(' ');
  }
}
