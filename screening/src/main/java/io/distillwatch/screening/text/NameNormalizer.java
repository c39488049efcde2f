package io.distillwatch.screening.text;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an organisation or person name into comparable tokens. Steps, in order:
 *
 * <ol>
 *   <li>Unicode NFKC (full-width forms, ligatures).
 *   <li>Chinese: legal forms such as 有限公司 and 股份有限公司 are removed, a small glossary of
 *       business words (技术 → technology, 集团 → group, ...) is translated, and the remaining Han
 *       characters become pinyin syllables (ICU {@code Han-Latin}).
 *   <li>Cyrillic: BGN/PCGN romanisation (ICU {@code Russian-Latin/BGN}, the scheme US lists use:
 *       Ростех → rostekh); any other script: ICU {@code Any-Latin}; then {@code Latin-ASCII}
 *       removes diacritics.
 *   <li>Lower case; apostrophes and dots are deleted ("S.A." → "sa"), other punctuation splits.
 *   <li>Corporate legal forms ("co ltd", "llc", "gmbh", "ooo", "joint stock company", ...) and
 *       stopwords ("the", "of", "and", ...) are dropped anywhere in the name, unless nothing
 *       would remain; plurals are folded ("technologies" → "technology").
 * </ol>
 *
 * <p>Thread-safe: ICU transliterators are kept per thread.
 */
public final class NameNormalizer {

  private static final ThreadLocal<Transliterator> TO_ASCII =
      ThreadLocal.withInitial(
          () -> Transliterator.getInstance("Russian-Latin/BGN; Any-Latin; Latin-ASCII"));
  private static final ThreadLocal<Transliterator> HAN_TO_ASCII =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII"));

  /** Chinese legal forms, longest first; removed before transliteration. */
  private static final List<String> HAN_LEGAL_FORMS =
      List.of(
          "股份有限公司", "有限责任公司", "有限責任公司", "集团有限公司", "有限公司", "股份公司", "总公司", "分公司",
          "株式会社", "合同会社", "公司");

  /** Chinese business words translated before transliteration, so they meet the lists' English. */
  private static final Map<String, String> HAN_GLOSSARY = new LinkedHashMap<>();

  static {
    String[][] pairs = {
      {"半导体", "semiconductor"}, {"研究所", "research institute"}, {"研究院", "research institute"},
      {"研究中心", "research center"}, {"大学", "university"}, {"学院", "institute"},
      {"技术", "technology"}, {"科技", "technology"}, {"电子", "electronics"}, {"集团", "group"},
      {"国际", "international"}, {"贸易", "trading"}, {"工业", "industry"}, {"航空", "aviation"},
      {"航天", "aerospace"}, {"通信", "communication"}, {"通讯", "communication"},
      {"软件", "software"}, {"网络", "network"}, {"信息", "information"}, {"智能", "intelligent"},
      {"设备", "equipment"}, {"仪器", "instrument"}, {"光电", "optoelectronics"},
      {"机械", "machinery"}, {"控股", "holdings"}, {"实业", "industrial"}, {"发展", "development"},
      {"数据", "data"}, {"人工智能", "artificial intelligence"}, {"微电子", "microelectronics"},
      {"物流", "logistics"}, {"进出口", "import export"}, {"香港", "hong kong"},
      {"中国", "china"}, {"开发", "development"}, {"创新", "innovation"}, {"移动", "mobile"},
      {"电信", "telecommunications"}, {"数字", "digital"}, {"生产", "production"},
      {"建设", "construction"}, {"产业", "industry"}, {"银行", "bank"}, {"能源", "energy"},
      {"石油", "petroleum"}, {"化工", "chemical"}, {"航运", "shipping"}, {"海运", "shipping"},
      {"投资", "investment"}, {"金融", "financial"}, {"资源", "resources"}, {"矿业", "mining"},
      {"制造", "manufacturing"}, {"材料", "materials"}, {"保险", "insurance"},
      {"核工业", "nuclear industry"}
    };
    // longest keys first so that 微电子 wins over 电子
    java.util.Arrays.sort(pairs, (a, b) -> Integer.compare(b[0].length(), a[0].length()));
    for (String[] p : pairs) {
      HAN_GLOSSARY.put(p[0], p[1]);
    }
  }

  /** Every form's letters without spaces ("sadecv"): a form however it is spaced. */
  private static final Set<String> FORM_LETTERS = new HashSet<>();
  /** Every prefix of a form's letters: where a spaced-out form can still be going. */
  private static final Set<String> FORM_PREFIXES = new HashSet<>();
  /** Every word of every form. */
  private static final Set<String> FORM_VOCABULARY = new HashSet<>();
  /** Tokens already checked for being a form word in disguise (bounded). */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> FORM_WORD_CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int FORM_WORD_CACHE_MAX = 200_000;
  /** Every form's words in sorted order: a form whatever its word order ("joint open stock company"). */
  private static final Set<String> FORM_WORD_SETS = new HashSet<>();
  /** Words of forms by their sound skeleton: a form word in another romanisation ("kompany"). */
  private static final java.util.Map<String, String> FORM_WORD_BY_SKELETON = new java.util.HashMap<>();
  /** Words of forms long enough to be recognised with one typo ("compnay"). */
  private static final Set<String> FORM_WORDS = new HashSet<>();
  private static final int MIN_FUZZY_FORM_WORD = 6;
  /** Longest run of words whose letters together may spell a form ("s a de c v"). */
  private static final int MAX_SPACED_FORM_WORDS = 8;

  /** Legal-form token sequences (already normalised), dropped anywhere in a name. */
  private static final Set<List<String>> LEGAL_FORMS = new HashSet<>();

  private static final int MAX_FORM_LENGTH;

  static {
    String[] forms = {
      "co ltd", "co limited", "company limited", "company ltd", "pte ltd", "pvt ltd", "pty ltd",
      "private limited", "public limited company", "sdn bhd", "limited liability company",
      "limited liability partnership", "joint stock company", "public joint stock company",
      "open joint stock company", "closed joint stock company", "joint stock co",
      "limited company", "limited partnership", "gmbh co kg", "gmbh und co kg", "s de rl de cv",
      "sa de cv", "sp z oo", "kabushiki kaisha", "societe anonyme", "aktsionernoye obshchestvo",
      "publichnoye aktsionernoye obshchestvo", "otkrytoye aktsionernoye obshchestvo",
      "zakrytoye aktsionernoye obshchestvo", "obshchestvo s ogranichennoy otvetstvennostyu",
      "obshchestvo s ogranichennoi otvetstvennostyu", "fz llc", "fze llc", "co", "ltd", "limited",
      "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "company", "plc", "gmbh",
      "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "oy", "kft", "zrt",
      "pjsc", "ojsc", "cjsc", "jsc", "pao", "oao", "zao", "ooo", "ao", "tov", "fze", "fzco", "fzc",
      "fzllc", "dmcc", "pte", "pvt", "pty", "bhd", "tbk", "kk", "ltda", "eirl", "sl", "se", "as"
    };
    int max = 0;
    for (String f : forms) {
      List<String> seq = List.of(f.split(" "));
      LEGAL_FORMS.add(seq);
      max = Math.max(max, seq.size());
    }
    for (String f : LegalForms.all()) {
      if (containsHan(f)) {
        continue; // removed before transliteration (HAN_LEGAL_FORMS)
      }
      List<String> seq = latinTokens(f);
      if (!seq.isEmpty()) {
        LEGAL_FORMS.add(seq);
        max = Math.max(max, seq.size());
      }
    }
    for (List<String> seq : LEGAL_FORMS) {
      String letters = String.join("", seq);
      FORM_LETTERS.add(letters);
      for (int k = 1; k <= letters.length(); k++) {
        FORM_PREFIXES.add(letters.substring(0, k));
      }
      FORM_VOCABULARY.addAll(seq);
      FORM_WORD_SETS.add(sortedKey(seq));
      for (String w : seq) {
        if (w.length() >= MIN_FUZZY_FORM_WORD) {
          FORM_WORDS.add(w);
        }
        if (w.length() >= 4) {
          FORM_WORD_BY_SKELETON.putIfAbsent(Similarity.skeleton(w), w);
        }
      }
    }
    MAX_FORM_LENGTH = max;
  }


  private static final Set<String> STOPWORDS =
      Set.of("the", "of", "and", "for", "de", "del", "la", "le", "les", "des", "du", "di");

  /** Longest run of joined pinyin syllables emitted as a blocking token. */
  private static final int MAX_SYLLABLES_JOINED = 4;

  public NormalizedName normalize(String name) {
    if (name == null || name.isBlank()) {
      return new NormalizedName(name == null ? "" : name, List.of(), "", List.of());
    }
    String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
    List<String> raw = new ArrayList<>();
    List<String> blocking = new ArrayList<>();
    if (containsHan(s)) {
      splitHan(s, raw, new ArrayList<>(), false);
    } else {
      for (String t : latinTokens(s)) {
        raw.add(NameVariants.canonical(t));
      }
    }
    List<String> tokens = new ArrayList<>();
    if (containsHan(s)) {
      splitHan(s, tokens, blocking, true);
    } else {
      tokens.addAll(dropLegalFormsAndStopwords(raw));
    }
    if (tokens.isEmpty()) {
      tokens = raw;
    }
    return new NormalizedName(name, List.copyOf(tokens), String.join("", tokens), blocking,
        String.join("", raw));
  }

  /** Tokens of a name in Latin, Cyrillic or any script but Han. */
  private static List<String> latinTokens(String s) {
    String ascii = isAscii(s) ? s : TO_ASCII.get().transliterate(s);
    String lower = ascii.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      } else if (c == '.' || c == '\'' || c == '`' || c == '"' || c == '\u00b7') {
        // deleted: "S.A." -> "sa", "O'Neil" -> "oneil", BGN soft signs
      } else if (c == '&') {
        b.append(" and ");
      } else {
        b.append(' ');
      }
    }
    List<String> out = new ArrayList<>();
    for (String t : b.toString().split(" ")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Splits a name holding Han characters into pinyin syllables and translated glossary words; with
   * {@code clean}, legal forms and stopwords are dropped from the non-Han parts (never from pinyin:
   * "ao" and "sa" are syllables there).
   */
  private static void splitHan(
      String s, List<String> out, List<String> blocking, boolean clean) {
    String stripped = s;
    for (String form : HAN_LEGAL_FORMS) {
      String candidate = stripped.replace(form, " ");
      if (!candidate.isBlank()) {
        stripped = candidate;
      }
    }
    StringBuilder other = new StringBuilder();
    StringBuilder han = new StringBuilder();
    int i = 0;
    while (i < stripped.length()) {
      String word = glossaryAt(stripped, i);
      if (word != null) {
        flushHan(han, out, blocking);
        out.addAll(clean(latinTokens(other.toString()), clean));
        other.setLength(0);
        out.addAll(clean(latinTokens(HAN_GLOSSARY.get(word)), clean));
        i += word.length();
        continue;
      }
      int cp = stripped.codePointAt(i);
      if (isHan(cp)) {
        out.addAll(clean(latinTokens(other.toString()), clean));
        other.setLength(0);
        han.appendCodePoint(cp);
      } else {
        flushHan(han, out, blocking);
        other.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    flushHan(han, out, blocking);
    out.addAll(clean(latinTokens(other.toString()), clean));
  }

  private static List<String> clean(List<String> tokens, boolean clean) {
    return clean ? dropLegalFormsAndStopwords(tokens) : tokens;
  }

  private static void flushHan(StringBuilder han, List<String> out, List<String> blocking) {
    if (han.length() == 0) {
      return;
    }
    List<String> syllables = latinTokens(HAN_TO_ASCII.get().transliterate(han.toString()));
    han.setLength(0);
    out.addAll(syllables);
    for (int from = 0; from < syllables.size(); from++) {
      StringBuilder joined = new StringBuilder(syllables.get(from));
      for (int to = from + 1; to < Math.min(syllables.size(), from + MAX_SYLLABLES_JOINED); to++) {
        joined.append(syllables.get(to));
        blocking.add(joined.toString());
      }
    }
  }

  private static String glossaryAt(String s, int i) {
    for (String key : HAN_GLOSSARY.keySet()) {
      if (s.startsWith(key, i)) {
        return key;
      }
    }
    return null;
  }

  /**
   * Drops legal forms and stopwords anywhere. A form is recognised as written ("co ltd"), in any
   * spacing (words whose letters together spell a form: "s a de c v", "limi ted"), in any word order
   * ("joint open stock company") and with one typo in a word of 6+ letters ("compnay"), as long as
   * the whole form is there.
   */
  private static List<String> dropLegalFormsAndStopwords(List<String> raw) {
    List<String> fixed = new ArrayList<>(raw.size());
    for (String t : raw) {
      fixed.add(formWordTypo(t));
    }
    List<String> out = new ArrayList<>(raw.size());
    int i = 0;
    while (i < raw.size()) {
      int form = formAt(fixed, i);
      if (form > 0) {
        i += form;
        continue;
      }
      String t = raw.get(i++);
      if (!STOPWORDS.contains(t)) {
        out.add(singular(t));
      }
    }
    return out;
  }

  /** How many words from {@code i} make a legal form (longest), or 0. */
  private static int formAt(List<String> words, int i) {
    return Math.max(wordsFormAt(words, i), spacedFormAt(words, i));
  }

  /** A form written with its own words, in any order ("joint open stock company"). */
  private static int wordsFormAt(List<String> words, int i) {
    int n = words.size();
    if (FORM_VOCABULARY.contains(words.get(i))) {
      int vocabularyRun = 1;
      while (vocabularyRun < Math.min(MAX_FORM_LENGTH, n - i)
          && FORM_VOCABULARY.contains(words.get(i + vocabularyRun))) {
        vocabularyRun++;
      }
      for (int len = vocabularyRun; len >= 1; len--) {
        List<String> run = words.subList(i, i + len);
        if (LEGAL_FORMS.contains(run) || (len > 1 && FORM_WORD_SETS.contains(sortedKey(run)))) {
          return len;
        }
      }
    }
    return 0;
  }

  /** A form whose letters are spread over several words ("s a de c v", "limi ted"). */
  private static int spacedFormAt(List<String> words, int i) {
    int n = words.size();
    StringBuilder letters = new StringBuilder();
    int best = 0;
    for (int len = 1; len <= Math.min(MAX_SPACED_FORM_WORDS, n - i); len++) {
      letters.append(words.get(i + len - 1));
      String l = letters.toString();
      if (!FORM_PREFIXES.contains(l)) {
        break;
      }
      if (len > 1 && FORM_LETTERS.contains(l)) {
        best = len;
      }
    }
    return best;
  }

  /**
   * The form word a token spells in another romanisation ("dzhoint", "kompany") or, for 6+
   * letters, with one typo ("compnay"); else the token.
   */
  private static String formWordTypo(String t) {
    if (t.length() < 4 || FORM_WORDS.contains(t)) {
      return t;
    }
    String cached = FORM_WORD_CACHE.get(t);
    if (cached != null) {
      return cached;
    }
    String w = formWordOf(t);
    if (FORM_WORD_CACHE.size() < FORM_WORD_CACHE_MAX) {
      FORM_WORD_CACHE.put(t, w);
    }
    return w;
  }

  private static String formWordOf(String t) {
    String bySound = FORM_WORD_BY_SKELETON.get(Similarity.skeleton(t));
    if (bySound != null) {
      return bySound;
    }
    if (t.length() < MIN_FUZZY_FORM_WORD - 1) {
      return t;
    }
    for (String w : FORM_WORDS) {
      if (Math.abs(w.length() - t.length()) <= 1 && Similarity.damerau(t, w, 1) <= 1) {
        return w;
      }
    }
    return t;
  }

  private static String sortedKey(List<String> words) {
    List<String> s = new ArrayList<>(words);
    java.util.Collections.sort(s);
    return String.join(" ", s);
  }

  /**
   * A light plural folding applied to both sides alike: "technologies" → "technology",
   * "systems" → "system" (not "-ss", "-us", "-is"; only words of 5+ letters).
   */
  static String singular(String t) {
    int n = t.length();
    if (n < 5 || t.charAt(n - 1) != 's' || !Character.isLetter(t.charAt(0))) {
      return t;
    }
    if (t.endsWith("ies")) {
      return t.substring(0, n - 3) + "y";
    }
    if (t.endsWith("ss") || t.endsWith("us") || t.endsWith("is")) {
      return t;
    }
    return t.substring(0, n - 1);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsHan(String s) {
    return s.codePoints().anyMatch(NameNormalizer::isHan);
  }

  private static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }
}
