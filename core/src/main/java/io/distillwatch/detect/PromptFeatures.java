package io.distillwatch.detect;

import io.distillwatch.template.Hash64;
import io.distillwatch.template.NormalizedPrompt;
import io.distillwatch.template.PromptNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-prompt features read from the normaliser's token hashes, without allocating: chain-of-thought
 * requests, grading rubrics, benchmark layouts and a coarse capability area. The phrase lists are
 * below; docs/signals.md repeats them.
 */
final class PromptFeatures {
  static final int COT = 1;
  static final int RUBRIC = 2;
  static final int BENCH_LAYOUT = 4;
  /** Declared dataset/training purpose (a {@link PhraseTable}, set by the detector, not by {@link #scan}). */
  static final int DECLARED_PURPOSE = 8;
  /** A prompt long enough to be linking evidence ({@code prompt_overlap}); set by the detector. */
  static final int SUBSTANTIVE = 16;

  /** Capability areas; index 0 is "general" (no area keyword). */
  static final String[] CATEGORIES = {
    "general", "coding", "mathematics", "creative writing and role-play", "translation", "science",
    "health", "law and finance", "logic puzzles"
  };

  static final int CATEGORY_COUNT = CATEGORIES.length;

  static final String[] COT_PHRASES = {
    "step by step", "step-by-step", "think step", "your reasoning", "reasoning process",
    "thought process", "chain of thought", "chain-of-thought", "internal reasoning", "show your work",
    "think carefully", "think through", "reason through", "show all steps", "show every step",
    "show all your steps", "articulate your", "walk through your", "let's think", "reasoning steps",
    "detailed reasoning", "explain each step", "explain every step", "show each step", "your thinking",
    "before answering think", "逐 步", "一 步 一 步", "思 考 过 程", "推 理 过 程"
  };

  static final String[] RUBRIC_PHRASES = {
    "rubric", "grade the", "score the response", "score the answer", "rate the response",
    "rate the answer", "rate the following response", "evaluate the response", "evaluate the answer",
    "which response", "which answer is better", "response a", "response b", "assistant a",
    "assistant b", "on a scale of", "on a scale from", "score from {n} to {n}", "out of {n} points",
    "better response", "preferred response", "reward score", "grading criteria", "judge the response"
  };

  static final String[][] CATEGORY_WORDS = {
    {},
    {
      "python", "java", "javascript", "typescript", "function", "code", "program", "programming",
      "script", "sql", "html", "css", "api", "algorithm", "compile", "debug", "bug", "implement",
      "regex", "json", "rust", "golang", "react", "nodejs", "database", "query", "array", "variable",
      "recursion", "class", "method", "snippet", "bash", "shell", "kotlin", "swift"
    },
    {
      "solve", "equation", "equations", "integral", "derivative", "probability", "calculate", "compute",
      "theorem", "prove", "proof", "matrix", "polynomial", "triangle", "geometry", "algebra", "fraction",
      "remainder", "digits", "sqrt", "math", "mathematics", "integer", "integers", "modulo", "sum"
    },
    {
      "imagine", "pretend", "roleplay", "role-play", "character", "story", "poem", "fictional",
      "fantasy", "novel", "lyrics", "dialogue", "scene", "narrator", "detective", "wizard", "persona"
    },
    {"translate", "translation", "translator", "french", "spanish", "german", "chinese", "japanese"},
    {"physics", "chemistry", "biology", "molecule", "atom", "cell", "quantum", "dna", "evolution"},
    {"medical", "doctor", "symptoms", "disease", "treatment", "diet", "health", "medication"},
    {"legal", "law", "contract", "lawyer", "finance", "invest", "investment", "stock", "tax"},
    {"puzzle", "riddle", "logic", "deduce", "deduction", "boolean"}
  };

  private static final String[] STOP_LONG = {
    "please", "should", "because", "before", "through", "between", "following", "without", "within",
    "another", "something", "anything", "everything", "should", "really", "answer", "question",
    "provide", "explain", "example", "following", "describe", "create", "response", "different",
    "write", "would", "could", "there", "their", "which", "about"
  };

  /** Phrases by first token: each entry is {flag, token hashes...}. */
  private static final LongIntMap FIRST = new LongIntMap(128);

  private static final List<long[]> PHRASES = new ArrayList<>();
  private static final List<Integer> NEXT = new ArrayList<>();
  /** One lookup per token: bits 0-7 category, bit 8 stop word, bits 9+ (first phrase index + 1). */
  private static final LongIntMap LEX = new LongIntMap(512);
  private static final long Q = PromptNormalizer.tokenHash("q");
  private static final long QUESTION = PromptNormalizer.tokenHash("question");
  private static final long ANSWER = PromptNormalizer.tokenHash("answer");
  private static final long A = PromptNormalizer.tokenHash("a");
  private static final long[] CHOICE = {
    PromptNormalizer.tokenHash("a"), PromptNormalizer.tokenHash("b"), PromptNormalizer.tokenHash("c"),
    PromptNormalizer.tokenHash("d"), PromptNormalizer.tokenHash("e")
  };

  static {
    addPhrases(COT_PHRASES, COT);
    addPhrases(RUBRIC_PHRASES, RUBRIC);
    for (int c = 1; c < CATEGORY_WORDS.length; c++) {
      for (String w : CATEGORY_WORDS[c]) {
        for (long h : tokens(w)) {
          LEX.put(h, (LEX.get(h, 0) & ~0xff) | c);
        }
      }
    }
    for (String w : STOP_LONG) {
      long h = PromptNormalizer.tokenHash(w);
      LEX.put(h, LEX.get(h, 0) | 0x100);
    }
  }

  private static void addPhrases(String[] phrases, int flag) {
    for (String p : phrases) {
      long[] t = tokens(p);
      long[] entry = new long[t.length + 1];
      entry[0] = flag;
      System.arraycopy(t, 0, entry, 1, t.length);
      // chain phrases that share a first token through a linked list in PHRASES
      int prev = FIRST.get(t[0], -1);
      PHRASES.add(entry);
      NEXT.add(prev);
      FIRST.put(t[0], PHRASES.size() - 1);
      LEX.put(t[0], (LEX.get(t[0], 0) & 0x1ff) | (PHRASES.size() << 9));
    }
  }

  /** Tokenises a lexicon phrase the way prompts are tokenised. */
  private static long[] tokens(String phrase) {
    NormalizedPrompt p = new PromptNormalizer().normalize(phrase);
    long[] t = new long[p.tokenCount()];
    for (int i = 0; i < t.length; i++) {
      t[i] = p.tokenHash(i);
    }
    return t;
  }

  private PromptFeatures() {}

  /**
   * Flags ({@link #COT} | {@link #RUBRIC} | {@link #BENCH_LAYOUT}) of a prompt; the capability area
   * goes to {@code out[0]} ({@code out} longer than {@link #CATEGORY_COUNT} is also used as scratch); long content words go to {@code vocabulary} when non-null.
   */
  static int scan(NormalizedPrompt p, int[] out, PromptDigest vocabulary) {
    int[] catHits = out.length > CATEGORY_COUNT ? out : new int[CATEGORY_COUNT + 1];
    java.util.Arrays.fill(catHits, 1, CATEGORY_COUNT + 1, 0);
    int n = p.tokenCount();
    int flags = 0;
    int rubricHits = 0;
    int fewShotQ = 0;
    int choiceMask = 0;
    boolean answerAfterQuestion = false;
    for (int i = 0; i < n; i++) {
      long h = p.tokenHash(i);
      int lex = LEX.get(h, 0);
      int idx = (lex >>> 9) - 1;
      while (idx >= 0) {
        long[] ph = PHRASES.get(idx);
        if (matches(p, i, ph)) {
          if (ph[0] == RUBRIC) {
            rubricHits++;
          } else {
            flags |= (int) ph[0];
          }
        }
        idx = NEXT.get(idx);
      }
      if (i < 256 && (lex & 0xff) > 0) {
        catHits[lex & 0xff]++;
      }
      if (p.atLineStart(i)) {
        char t = p.terminator(i);
        if ((h == Q || h == QUESTION) && t == ':') {
          fewShotQ++;
        }
        if ((h == A || h == ANSWER) && t == ':' && fewShotQ > 0) {
          answerAfterQuestion = true;
        }
        if (p.tokenLength(i) == 1 && i + 1 < n && !p.atLineStart(i + 1)) {
          for (int c = 0; c < CHOICE.length; c++) {
            if (h == CHOICE[c]) {
              choiceMask |= 1 << c;
            }
          }
        }
      }
      if (vocabulary != null && p.isWord(i) && p.tokenLength(i) >= 6 && (lex & 0x100) == 0) {
        vocabulary.word(Hash64.mix(h ^ 0x766f6361L));
      }
    }
    if (rubricHits >= 1) {
      flags |= RUBRIC;
    }
    if (n > 0) {
      long last = p.tokenHash(n - 1);
      char lt = p.terminator(n - 1);
      boolean endsWithAnswerCue = (last == ANSWER || last == A) && lt == ':';
      boolean multipleChoice = (choiceMask & 7) == 7 && endsWithAnswerLine(p);
      if (endsWithAnswerCue || fewShotQ >= 2 || answerAfterQuestion || multipleChoice) {
        flags |= BENCH_LAYOUT;
      }
    }
    int best = 0;
    int bestHits = 0;
    for (int c = 1; c < CATEGORY_COUNT; c++) {
      if (catHits[c] > bestHits) {
        best = c;
        bestHits = catHits[c];
      }
    }
    out[0] = best;
    return flags;
  }

  /** A multiple-choice block counts as a benchmark layout when the prompt ends on an answer cue line. */
  private static boolean endsWithAnswerLine(NormalizedPrompt p) {
    int n = p.tokenCount();
    for (int i = n - 1; i >= Math.max(0, n - 4); i--) {
      if (p.tokenHash(i) == ANSWER) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(NormalizedPrompt p, int i, long[] ph) {
    int len = ph.length - 1;
    if (i + len > p.tokenCount()) {
      return false;
    }
    for (int k = 1; k < len; k++) {
      if (p.tokenHash(i + k) != ph[k + 1]) {
        return false;
      }
    }
    return true;
  }
}
