package io.distillwatch.screening.match;

/** Rarity of a token among the indexed names: ln(1 + N/df); a token never seen gets ln(1 + N). */
interface TokenWeights {
  double weight(String token);
}
