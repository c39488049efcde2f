package io.distillwatch.screening.eval;

import com.ibm.icu.text.Transliterator;
import io.distillwatch.screening.text.LegalForms;
import io.distillwatch.screening.text.NameVariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * How people write a listed name a little differently at sign-up: one class of variant at a time,
 * seeded. {@link #apply} returns null when the class does not apply to a name (no word long enough
 * to misspell, a single word to reorder, ...).
 */
public final class Variants {
  /** The variant classes of issue 20, item 1. */
  public enum Kind {
    /** An alias as the list publishes it. */
    PUBLISHED_ALIAS,
    /** The name's legal form written with other spacing and punctuation, or one added. */
    LEGAL_FORM,
    /** Two adjacent letters of a word swapped ("OCMPANY"). */
    TRANSPOSITION,
    /** A space moved by one letter ("SHIPPIN GLTD"). */
    SPACE_MOVED,
    /** Two words run together. */
    SPACE_MISSING,
    /** A word split in two. */
    SPACE_EXTRA,
    /** One word left out (names of three or more words). */
    TOKEN_DROPPED,
    /** A generic business word added. */
    TOKEN_ADDED,
    /** Lower, upper, title or mixed case. */
    CASE,
    /** Two words swapped. */
    TOKEN_ORDER,
    /** Written in Cyrillic (ICU Latin-Russian/BGN) by a user in a Cyrillic-writing country. */
    CYRILLIC,
    /** Written in Chinese characters (fixture of real names, {@link NativeScriptNames}). */
    CHINESE,
    /** A common Arabic name written with another spelling (Mohammed / Muhammad). */
    ARABIC_NAMES
  }

  /** Classes drawn for unlisted names (aliases and Chinese fixtures do not apply to them). */
  static final List<Kind> FOR_NEGATIVES = List.of(Kind.LEGAL_FORM, Kind.TRANSPOSITION,
      Kind.SPACE_MOVED, Kind.SPACE_MISSING, Kind.SPACE_EXTRA, Kind.TOKEN_DROPPED, Kind.TOKEN_ADDED,
      Kind.CASE, Kind.TOKEN_ORDER, Kind.CYRILLIC, Kind.ARABIC_NAMES);

  static final Set<String> CYRILLIC_COUNTRIES =
      Set.of("RU", "BY", "UA", "KZ", "KG", "TJ", "BG", "RS", "MK", "MN");

  private static final String[] ADDED_WORDS = {
    "Group", "International", "Holding", "Trading", "Global", "Technologies", "Services",
    "Industries", "Enterprises", "Logistics"
  };

  private static final ThreadLocal<Transliterator> TO_CYRILLIC =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-Russian/BGN"));

  private static final List<String> LATIN_FORMS = LegalForms.latin();

  private Variants() {}

  /** The name written in the way of {@code kind}, or null when the class does not apply. */
  public static String apply(Kind kind, String name, Random r) {
    String v = switch (kind) {
      case PUBLISHED_ALIAS, CHINESE -> null; // not a rewriting of a name
      case LEGAL_FORM -> legalForm(name, r);
      case TRANSPOSITION -> transposition(name, r);
      case SPACE_MOVED -> spaceMoved(name, r);
      case SPACE_MISSING -> spaceMissing(name, r);
      case SPACE_EXTRA -> spaceExtra(name, r);
      case TOKEN_DROPPED -> tokenDropped(name, r);
      case TOKEN_ADDED -> tokenAdded(name, r);
      case CASE -> casing(name, r);
      case TOKEN_ORDER -> tokenOrder(name, r);
      case CYRILLIC -> cyrillic(name);
      case ARABIC_NAMES -> arabicSpelling(name, r);
    };
    return v == null || v.equals(name) ? null : v;
  }

  /** Replaces a trailing legal form by another writing of it; else appends a form. */
  static String legalForm(String name, Random r) {
    String[] w = name.trim().split("\\s+");
    for (int k = Math.min(5, w.length - 1); k >= 1; k--) {
      String tail = String.join(" ", java.util.Arrays.copyOfRange(w, w.length - k, w.length));
      String letters = LegalForms.letters(tail);
      for (String form : LATIN_FORMS) {
        if (LegalForms.letters(form).equals(letters)) {
          List<String> writings = new ArrayList<>(LegalForms.writings(form));
          writings.removeIf(x -> x.equals(tail));
          if (writings.isEmpty()) {
            continue;
          }
          String head = String.join(" ", java.util.Arrays.copyOfRange(w, 0, w.length - k));
          return head.replaceAll(",$", "") + (r.nextBoolean() ? ", " : " ")
              + writings.get(r.nextInt(writings.size()));
        }
      }
    }
    List<String> all = LegalForms.all();
    String form = all.get(r.nextInt(all.size()));
    List<String> writings = LegalForms.writings(form);
    return name.trim() + " " + writings.get(r.nextInt(writings.size()));
  }

  static String transposition(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> words = wordsOf(w, 4);
    if (words.isEmpty()) {
      return null;
    }
    int i = words.get(r.nextInt(words.size()));
    char[] c = w[i].toCharArray();
    List<Integer> positions = new ArrayList<>();
    for (int p = 0; p + 1 < c.length; p++) {
      if (c[p] != c[p + 1] && Character.isLetter(c[p]) && Character.isLetter(c[p + 1])) {
        positions.add(p);
      }
    }
    if (positions.isEmpty()) {
      return null;
    }
    int p = positions.get(r.nextInt(positions.size()));
    char t = c[p];
    c[p] = c[p + 1];
    c[p + 1] = t;
    w[i] = new String(c);
    return String.join(" ", w);
  }

  static String spaceMoved(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < w.length; i++) {
      if (w[i].length() >= 3 && w[i + 1].length() >= 2 && isLetters(w[i]) && isLetters(w[i + 1])) {
        pairs.add(i);
      }
    }
    if (pairs.isEmpty()) {
      return null;
    }
    int i = pairs.get(r.nextInt(pairs.size()));
    if (r.nextBoolean() || w[i + 1].length() < 3) {
      w[i + 1] = w[i].charAt(w[i].length() - 1) + w[i + 1];
      w[i] = w[i].substring(0, w[i].length() - 1);
    } else {
      w[i] = w[i] + w[i + 1].charAt(0);
      w[i + 1] = w[i + 1].substring(1);
    }
    return String.join(" ", w);
  }

  static String spaceMissing(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < w.length; i++) {
      if (isLetters(w[i]) && isLetters(w[i + 1])) {
        pairs.add(i);
      }
    }
    if (pairs.isEmpty()) {
      return null;
    }
    int i = pairs.get(r.nextInt(pairs.size()));
    List<String> out = new ArrayList<>(List.of(w));
    out.set(i, w[i] + w[i + 1]);
    out.remove(i + 1);
    return String.join(" ", out);
  }

  static String spaceExtra(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> words = wordsOf(w, 6);
    if (words.isEmpty()) {
      return null;
    }
    int i = words.get(r.nextInt(words.size()));
    int at = 2 + r.nextInt(w[i].length() - 3);
    w[i] = w[i].substring(0, at) + " " + w[i].substring(at);
    return String.join(" ", w);
  }

  static String tokenDropped(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> content = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      if (isLetters(w[i]) && w[i].length() >= 3 && !isLegalForm(w[i])) {
        content.add(i);
      }
    }
    if (content.size() < 3) {
      return null;
    }
    int drop = content.get(r.nextInt(content.size()));
    List<String> out = new ArrayList<>(List.of(w));
    out.remove(drop);
    return String.join(" ", out);
  }

  static String tokenAdded(String name, Random r) {
    String word = ADDED_WORDS[r.nextInt(ADDED_WORDS.length)];
    if (name.equals(name.toUpperCase(Locale.ROOT))) {
      word = word.toUpperCase(Locale.ROOT);
    }
    return r.nextInt(3) == 0 ? word + " " + name : name + " " + word;
  }

  static String casing(String name, Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> name.toLowerCase(Locale.ROOT);
      case 1 -> name.toUpperCase(Locale.ROOT);
      case 2 -> titleCase(name);
      default -> {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
          b.append(r.nextInt(3) == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        yield b.toString();
      }
    };
  }

  static String tokenOrder(String name, Random r) {
    String[] w = name.split(" ");
    List<Integer> content = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      if (isLetters(w[i]) && w[i].length() >= 2 && !isLegalForm(w[i])) {
        content.add(i);
      }
    }
    if (content.size() < 2) {
      return null;
    }
    int a = content.get(r.nextInt(content.size()));
    int b = content.get(r.nextInt(content.size()));
    if (a == b) {
      b = content.get((content.indexOf(a) + 1) % content.size());
    }
    String t = w[a];
    w[a] = w[b];
    w[b] = t;
    return String.join(" ", w);
  }

  /** Replaces one word found in {@link NameVariants} by another spelling of it. */
  static String arabicSpelling(String name, Random r) {
    String[] w = name.split("((?<=[ \\-])|(?=[ \\-]))"); // keeps the separators
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      if (NameVariants.spellings(w[i].toLowerCase(Locale.ROOT)).size() > 1) {
        found.add(i);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    int i = found.get(r.nextInt(found.size()));
    String lower = w[i].toLowerCase(Locale.ROOT);
    List<String> others = new ArrayList<>(NameVariants.spellings(lower));
    others.remove(lower);
    String pick = others.get(r.nextInt(others.size()));
    w[i] = w[i].equals(w[i].toUpperCase(Locale.ROOT)) ? pick.toUpperCase(Locale.ROOT) : titleCase(pick);
    return String.join("", w);
  }

  /** The name in Cyrillic; null when some letter has no Cyrillic counterpart in BGN. */
  static String cyrillic(String name) {
    if (!isAscii(name)) {
      return null;
    }
    String c = TO_CYRILLIC.get().transliterate(englishLetters(russianForms(name)));
    return c.chars().anyMatch(ch -> ch < 128 && Character.isLetter(ch)) ? null : c;
  }

  /** English names of Russian legal forms, as a Russian writer writes them (Cyrillic). */
  private static final String[][] RUSSIAN_FORMS = {
    {"open joint stock company", "ОАО"}, {"closed joint stock company", "ЗАО"},
    {"public joint stock company", "ПАО"}, {"joint stock company", "АО"},
    {"limited liability company", "ООО"}, {"pjsc", "ПАО"}, {"ojsc", "ОАО"}, {"cjsc", "ЗАО"},
    {"jsc", "АО"}, {"llc", "ООО"}
  };

  static String russianForms(String name) {
    String s = name;
    for (String[] f : RUSSIAN_FORMS) {
      s = s.replaceAll("(?i)\\b" + f[0].replace(" ", "[\\s-]+") + "\\b", f[1]);
    }
    return s;
  }

  /**
   * Latin letters BGN has no Cyrillic for, spelt as a Russian writer would hear them ("c" → "k" or
   * "s", "x" → "ks", "w" → "v", "q" → "k", "ph" → "f", "j" → "dzh"), so the Cyrillic is all Cyrillic.
   */
  static String englishLetters(String name) {
    String s = name.replaceAll("(?i)ph", "f").replaceAll("(?i)ck", "k").replaceAll("(?i)th", "t");
    s = s.replaceAll("c(?=[eiyEIY])", "s").replaceAll("C(?=[eiyEIY])", "S");
    return s.replace('c', 'k').replace('C', 'K').replace("x", "ks").replace("X", "KS")
        .replace('w', 'v').replace('W', 'V').replace('q', 'k').replace('Q', 'K')
        .replace("j", "dzh").replace("J", "DZH");
  }

  private static List<Integer> wordsOf(String[] w, int minLetters) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      if (w[i].length() >= minLetters && isLetters(w[i])) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean isLegalForm(String word) {
    String l = LegalForms.letters(word);
    return LATIN_FORMS.stream().anyMatch(f -> LegalForms.letters(f).equals(l));
  }

  private static boolean isLetters(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 128) && s.chars().anyMatch(Character::isLetter);
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = !Character.isLetter(c);
    }
    return b.toString();
  }
}
