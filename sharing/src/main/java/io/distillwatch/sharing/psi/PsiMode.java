package io.distillwatch.sharing.psi;

import java.util.Locale;

/** What a PSI session reveals (SECURITY.md, "Private set intersection"). */
public enum PsiMode {
  /** Each side learns which of its own items are in the other's set (and the other's set size). */
  INTERSECT,
  /** Each side learns only how many items the two sets share (and the other's set size). */
  COUNT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code intersect} or {@code count}. */
  public static PsiMode parse(String s) {
    for (PsiMode m : values()) {
      if (m.wireName().equals(s)) {
        return m;
      }
    }
    throw new PsiException(PsiException.Reason.MALFORMED, "mode must be intersect or count");
  }

  byte code() {
    return (byte) (ordinal() + 1);
  }

  static PsiMode ofCode(byte code) {
    if (code < 1 || code > values().length) {
      throw new PsiException(PsiException.Reason.MALFORMED, "unknown mode code " + code);
    }
    return values()[code - 1];
  }
}
