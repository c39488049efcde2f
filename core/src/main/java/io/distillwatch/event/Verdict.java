package io.distillwatch.event;

/** Verdicts, from least to most severe. */
public enum Verdict {
  BENIGN("benign"),
  SUSPICIOUS("suspicious"),
  DISTILLATION("distillation");

  private final String code;

  Verdict(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Verdict ofCode(String code) {
    for (Verdict v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict: " + code);
  }
}
