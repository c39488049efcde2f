package io.distillwatch.screening.text;

import java.util.List;

/**
 * A name after {@link NameNormalizer}: lower-case ASCII tokens without punctuation, corporate
 * legal forms or stopwords, and the same tokens joined without spaces ({@code compact}) so that
 * "Hik Vision" and "Hikvision" compare equal.
 *
 * @param original the name as given
 * @param tokens normalised tokens in their original order; empty if nothing informative remains
 * @param compact the tokens concatenated without separators
 * @param blockingTokens extra tokens used only to find candidates (joined pinyin syllables)
 * @param letters every word of the name joined, legal forms and stopwords included, so that a
 *     moved space ("SHIPPIN GLTD") compares equal to the name as listed
 */
public record NormalizedName(
    String original, List<String> tokens, String compact, List<String> blockingTokens,
    String letters) {

  public NormalizedName(
      String original, List<String> tokens, String compact, List<String> blockingTokens) {
    this(original, tokens, compact, blockingTokens, compact);
  }

  public boolean isEmpty() {
    return tokens.isEmpty();
  }

  /** The normalised tokens joined by single spaces. */
  public String text() {
    return String.join(" ", tokens);
  }
}
