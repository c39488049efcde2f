package io.distillwatch.screening.match;

/**
 * The best list name for a queried name.
 *
 * @param query the queried name as given
 * @param name the list name it matched
 * @param score name similarity in [0,1], before country evidence
 * @param how which measure gave the score, for the reason sentence
 */
public record NameMatch(String query, IndexedName name, double score, String how) {}
