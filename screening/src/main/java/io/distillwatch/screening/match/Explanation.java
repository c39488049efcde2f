package io.distillwatch.screening.match;

import java.util.Locale;

/**
 * Which measure gave a name score, kept as numbers and turned into words only for the result that is
 * reported (formatting every candidate's sentence would cost more than scoring it).
 *
 * @param kind how the score arose
 * @param first token overlap, or the space-less similarity
 * @param second token set ratio (TOKENS only)
 */
public record Explanation(Kind kind, double first, double second) {
  /** The measures of {@link NameScorer}. */
  public enum Kind {
    /** Too far apart to be worth explaining. */
    NONE,
    SAME,
    TOKENS,
    COMPACT,
    /** Every word of the name is in the list name, which has one word more. */
    CONTAINED
  }

  public String text() {
    return switch (kind) {
      case SAME -> "same name after normalisation";
      case TOKENS -> String.format(Locale.ROOT,
          "rarity-weighted token overlap %.2f, token set ratio %.2f", first, second);
      case COMPACT -> String.format(Locale.ROOT,
          "same letters ignoring spaces (similarity %.2f)", first);
      case CONTAINED -> String.format(Locale.ROOT,
          "every word of the name is in the list name, which has one word more (the list name's "
              + "weighted words covered: %.2f); review at most", first);
      case NONE -> null;
    };
  }
}
