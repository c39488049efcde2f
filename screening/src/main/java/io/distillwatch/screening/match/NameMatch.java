package io.distillwatch.screening.match;

/**
 * The best list name for a queried name.
 *
 * @param query the queried name as given
 * @param name the list name it matched
 * @param score name similarity in [0,1], before country evidence
 * @param why which measure gave the score
 */
public record NameMatch(String query, IndexedName name, double score, Explanation why) {
  /** Which measure gave the score, as words for the reason sentence. */
  public String how() {
    return why.text();
  }
}
