package io.distillwatch.template;

/**
 * Turns a prompt into tokens and a template skeleton in one linear pass (no regular expressions, so
 * no backtracking on hostile input).
 *
 * <p>Tokens: lower-cased words; every CJK character (Han, kana, Hangul) is a token of its own, so
 * shingles over CJK text are character n-grams. Literals become placeholders: numbers and words with
 * two or more digits {@code {n}}, double-quoted strings up to 300 chars on one line {@code {s}},
 * fenced or inline code {@code {code}}, URLs {@code {url}}, e-mail addresses {@code {email}}, words
 * longer than 30 chars {@code {s}}. Sentence ends ({@code . ? ! : ;} and CJK equivalents) and line
 * breaks mark boundaries.
 *
 * <p>A text longer than {@value #LONG_TEXT} chars is read as its first {@value #LONG_HEAD} and last
 * {@value #LONG_TAIL} chars (the middle of a long prompt is payload; this bounds the cost per prompt).
 *
 * <p>Skeleton: a prompt of at most {@value #FULL_MAX} tokens is kept whole. A longer one keeps its
 * head (the first sentence, at least 3 and at most {@value #HEAD_MAX} tokens) and its tail (the last
 * sentence, at most {@value #TAIL_MAX} tokens) around an elision {@code {…}} — so prompts that share
 * an instruction but vary in payload ("solve the following problem… {…}") share a head or a tail.
 * The head key and tail key are the template identities the detector counts.
 *
 * <p>Not thread-safe: one instance per thread. The returned {@link NormalizedPrompt} is a view of this
 * normaliser's buffers, valid until the next call.
 */
public final class PromptNormalizer {
  public static final int HEAD_MAX = 12;
  public static final int TAIL_MAX = 10;
  public static final int FULL_MAX = 24;
  /** Texts longer than this many chars are read as their first {@value #LONG_HEAD} and last {@value #LONG_TAIL}. */
  public static final int LONG_TEXT = 2048;

  public static final int LONG_HEAD = 1536;
  public static final int LONG_TAIL = 512;

  /** Tokens beyond this are not kept (the ingest already caps prompt text at 4,096 chars). */
  public static final int MAX_TOKENS = 4096;

  static final byte WORD = 0;
  static final byte NUM = 1;
  static final byte STR = 2;
  static final byte CODE = 3;
  static final byte URL = 4;
  static final byte EMAIL = 5;
  static final byte ELIDED = 6;
  static final byte CJK = 7;

  static final String[] PLACEHOLDER = {null, "{n}", "{s}", "{code}", "{url}", "{email}", "{…}", null};
  static final long[] PLACEHOLDER_HASH = new long[8];

  static {
    for (int k = 1; k <= ELIDED; k++) {
      PLACEHOLDER_HASH[k] = Hash64.hash(PLACEHOLDER[k]);
    }
  }

  final long[] hash = new long[MAX_TOKENS];
  final int[] start = new int[MAX_TOKENS];
  final int[] end = new int[MAX_TOKENS];
  final byte[] kind = new byte[MAX_TOKENS];
  /** Boundary char after the token ('.', '?', '!', ':', ';', '\n') or 0. */
  final char[] term = new char[MAX_TOKENS];
  final boolean[] lineStart = new boolean[MAX_TOKENS];
  int n;
  CharSequence text;
  private final NormalizedPrompt view = new NormalizedPrompt(this);

  /**
   * The token hash a plain lower-case word (or a single CJK character) gets, for building lexicons
   * that match tokens without allocating strings.
   */
  public static long tokenHash(String word) {
    if (word.length() == 1 && isCjk(word.charAt(0))) {
      return Hash64.mix(word.charAt(0) * 0x9e3779b97f4a7c15L + 0x7f);
    }
    for (int k = 1; k <= ELIDED; k++) {
      if (PLACEHOLDER[k].equals(word)) {
        return PLACEHOLDER_HASH[k];
      }
    }
    long h = Hash64.FNV_OFFSET;
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ Character.toLowerCase(word.charAt(i))) * Hash64.FNV_PRIME;
    }
    return Hash64.mix(h);
  }

  /** Tokenises {@code text} (null counts as empty). */
  public NormalizedPrompt normalize(CharSequence text) {
    this.text = text == null ? "" : text;
    n = 0;
    scan(this.text);
    view.reset();
    return view;
  }

  private void scan(CharSequence t) {
    int len = t.length();
    if (len <= LONG_TEXT) {
      scan(t, 0, len);
      return;
    }
    // long prompts: the head and the tail carry the instruction; the middle is payload
    scan(t, 0, LONG_HEAD);
    markBoundary('\n');
    int from = len - LONG_TAIL;
    while (from < len && !Character.isWhitespace(t.charAt(from))) {
      from++;
    }
    scan(t, from, len);
  }

  private void scan(CharSequence t, int start, final int len) {
    int i = start;
    boolean atLineStart = true;
    while (i < len && n < MAX_TOKENS) {
      char c = t.charAt(i);
      if (c == '\n') {
        markBoundary('\n');
        atLineStart = true;
        i++;
        continue;
      }
      if (c <= ' ' || (c >= 128 && Character.isWhitespace(c))) {
        i++;
        continue;
      }
      if (c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9')) {
        i = word(t, i, len, atLineStart);
        atLineStart = false;
        continue;
      }
      int next;
      if (c == '`') {
        next = code(t, i, len);
        if (next > i) {
          emit(CODE, i, next, PLACEHOLDER_HASH[CODE], atLineStart);
          atLineStart = false;
          i = next;
        } else {
          i++;
        }
        continue;
      }
      if (c == '"' || c == '\u201c') {
        int close = findOnLine(t, c == '"' ? '"' : '\u201d', i + 1, len, 300);
        if (close > 0) {
          emit(STR, i, close + 1, PLACEHOLDER_HASH[STR], atLineStart);
          atLineStart = false;
          i = close + 1;
        } else {
          i++;
        }
        continue;
      }
      if (c == '{') {
        int k = placeholder(t, i, len);
        if (k > 0) {
          int plen = PLACEHOLDER[k].length();
          emit((byte) k, i, i + plen, PLACEHOLDER_HASH[k], atLineStart);
          atLineStart = false;
          i += plen;
          continue;
        }
        i++;
        continue;
      }
      if (isCjk(c)) {
        emit(CJK, i, i + 1, Hash64.mix(c * 0x9e3779b97f4a7c15L + 0x7f), atLineStart);
        atLineStart = false;
        i++;
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        i = word(t, i, len, atLineStart);
        atLineStart = false;
        continue;
      }
      if (isTerminator(c)) {
        markBoundary(normalTerminator(c));
      }
      i++;
    }
  }

  private int word(CharSequence t, int i, int len, boolean atLineStart) {
    char c0 = t.charAt(i);
    if ((c0 == 'h' || c0 == 'H' || c0 == 'w' || c0 == 'W')
        && (startsWithIgnoreCase(t, i, len, "http://")
            || startsWithIgnoreCase(t, i, len, "https://")
            || startsWithIgnoreCase(t, i, len, "www."))) {
      return literalRun(t, i, len, URL, atLineStart);
    }
    long h = Hash64.FNV_OFFSET;
    int digits = 0;
    int j = i;
    while (j < len) {
      char d = t.charAt(j);
      if (d < 128) {
        if (d >= 'a' && d <= 'z') {
          h = (h ^ d) * Hash64.FNV_PRIME;
          j++;
          continue;
        }
        if (d >= 'A' && d <= 'Z') {
          h = (h ^ (d + 32)) * Hash64.FNV_PRIME;
          j++;
          continue;
        }
        if (d >= '0' && d <= '9') {
          digits++;
          h = (h ^ d) * Hash64.FNV_PRIME;
          j++;
          continue;
        }
      } else if (Character.isLetterOrDigit(d) && !isCjk(d)) {
        if (Character.isDigit(d)) {
          digits++;
        }
        h = (h ^ Character.toLowerCase(d)) * Hash64.FNV_PRIME;
        j++;
        continue;
      }
      if ((d == '\'' || d == '\u2019') && j + 1 < len && Character.isLetter(t.charAt(j + 1))) {
        h = (h ^ '\'') * Hash64.FNV_PRIME;
        j++;
      } else if ((d == '.' || d == ',') && digits > 0 && j + 1 < len && isDigit(t.charAt(j + 1))
          && isDigit(t.charAt(j - 1))) {
        j++;
      } else {
        break;
      }
    }
    if (j + 1 < len) {
      char d = t.charAt(j);
      // an e-mail address: '@' right after the word, or after a dotted/dashed local part
      if ((d == '@' || d == '.' || d == '-' || d == '_' || d == '+')
          && Character.isLetterOrDigit(t.charAt(j + 1))
          && (d == '@' || atSignAhead(t, j, len))) {
        return literalRun(t, i, len, EMAIL, atLineStart);
      }
    }
    int wlen = j - i;
    if (digits == wlen || digits >= 2) {
      emit(NUM, i, j, PLACEHOLDER_HASH[NUM], atLineStart);
    } else if (wlen > 30) {
      emit(STR, i, j, PLACEHOLDER_HASH[STR], atLineStart);
    } else {
      emit(WORD, i, j, Hash64.mix(h), atLineStart);
    }
    return j;
  }

  /** True when an '@' followed by a word char occurs before the next whitespace (within 64 chars). */
  private static boolean atSignAhead(CharSequence t, int from, int len) {
    int limit = Math.min(len, from + 64);
    for (int k = from; k < limit; k++) {
      char d = t.charAt(k);
      if (d <= ' ' || Character.isWhitespace(d)) {
        return false;
      }
      if (d == '@') {
        return k + 1 < len && Character.isLetterOrDigit(t.charAt(k + 1));
      }
    }
    return false;
  }

  /** A URL or e-mail: runs to the next whitespace; trailing punctuation stays a boundary. */
  private int literalRun(CharSequence t, int i, int len, byte kind, boolean atLineStart) {
    int runEnd = i;
    while (runEnd < len) {
      char d = t.charAt(runEnd);
      if (d <= ' ' || Character.isWhitespace(d)) {
        break;
      }
      runEnd++;
    }
    int e = trimTrailingPunct(t, i, runEnd);
    emit(kind, i, e, PLACEHOLDER_HASH[kind], atLineStart);
    boundaryAfterRun(t, e, runEnd);
    return runEnd;
  }

  private void boundaryAfterRun(CharSequence t, int e, int runEnd) {
    for (int k = e; k < runEnd; k++) {
      if (isTerminator(t.charAt(k))) {
        markBoundary(normalTerminator(t.charAt(k)));
      }
    }
  }

  private static int trimTrailingPunct(CharSequence t, int from, int to) {
    while (to > from + 1) {
      char d = t.charAt(to - 1);
      if (d == '.' || d == ',' || d == ')' || d == ']' || d == ';' || d == ':' || d == '!' || d == '?'
          || d == '"' || d == '\'' || d == '>') {
        to--;
      } else {
        break;
      }
    }
    return to;
  }

  /** End (exclusive) of a code span starting at {@code i}, or {@code i} when none. */
  private static int code(CharSequence t, int i, int len) {
    if (i + 2 < len && t.charAt(i + 1) == '`' && t.charAt(i + 2) == '`') {
      for (int k = i + 3; k + 2 < len; k++) {
        if (t.charAt(k) == '`' && t.charAt(k + 1) == '`' && t.charAt(k + 2) == '`') {
          return k + 3;
        }
      }
      return len; // unclosed fence: the rest is code
    }
    int close = findOnLine(t, '`', i + 1, len, 200);
    return close > 0 ? close + 1 : i;
  }

  private static int findOnLine(CharSequence t, char close, int from, int len, int max) {
    int limit = Math.min(len, from + max);
    for (int k = from; k < limit; k++) {
      char d = t.charAt(k);
      if (d == close) {
        return k;
      }
      if (d == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static int placeholder(CharSequence t, int i, int len) {
    for (int k = 1; k <= ELIDED; k++) {
      String p = PLACEHOLDER[k];
      if (i + p.length() <= len && regionEquals(t, i, p)) {
        return k;
      }
    }
    return 0;
  }

  private static boolean regionEquals(CharSequence t, int i, String p) {
    for (int k = 0; k < p.length(); k++) {
      if (t.charAt(i + k) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithIgnoreCase(CharSequence t, int i, int len, String p) {
    if (i + p.length() > len) {
      return false;
    }
    for (int k = 0; k < p.length(); k++) {
      if (Character.toLowerCase(t.charAt(i + k)) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private void emit(byte k, int s, int e, long h, boolean atLineStart) {
    hash[n] = h;
    start[n] = s;
    end[n] = e;
    kind[n] = k;
    term[n] = 0;
    lineStart[n] = atLineStart;
    n++;
  }

  private void markBoundary(char c) {
    if (n > 0 && (term[n - 1] == 0 || (term[n - 1] == '\n' && c != '\n'))) {
      term[n - 1] = c;
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isTerminator(char c) {
    return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' || c == '\u3002' || c == '\uff1f'
        || c == '\uff01' || c == '\uff1a' || c == '\uff1b';
  }

  static char normalTerminator(char c) {
    switch (c) {
      case '\u3002':
        return '.';
      case '\uff1f':
        return '?';
      case '\uff01':
        return '!';
      case '\uff1a':
        return ':';
      case '\uff1b':
        return ';';
      default:
        return c;
    }
  }

  /** Han, kana, Hangul syllables and CJK compatibility ideographs. */
  static boolean isCjk(char c) {
    return (c >= '\u3040' && c <= '\u30ff')
        || (c >= '\u3400' && c <= '\u4dbf')
        || (c >= '\u4e00' && c <= '\u9fff')
        || (c >= '\uac00' && c <= '\ud7af')
        || (c >= '\uf900' && c <= '\ufaff');
  }
}
