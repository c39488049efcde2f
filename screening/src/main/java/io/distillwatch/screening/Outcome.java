package io.distillwatch.screening;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Screening outcome (DESIGN §6), strongest first. */
public enum Outcome {
  MATCH,
  REVIEW,
  NO_MATCH;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "match", "review", "no_match" (case-insensitive); "none" is accepted for no_match. */
  public static Outcome parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return NO_MATCH;
    }
    for (Outcome o : values()) {
      if (o.code().equals(t)) {
        return o;
      }
    }
    throw new IllegalArgumentException("outcome must be match, review or no_match, got " + s);
  }

  /** The weaker of the two. */
  public Outcome atMost(Outcome cap) {
    return ordinal() >= cap.ordinal() ? this : cap;
  }

  public boolean strongerThan(Outcome o) {
    return ordinal() < o.ordinal();
  }
}
