package io.distillwatch.template;

/**
 * Turns a sketch's bin minima into the values that travel (wire format version 2): a keyed
 * pseudo-random function of the bin index and the bin's minimum, so that only holders of the member
 * key can compute a sketch of a guessed template, while equal minima in the same bin still give equal
 * values (the similarity estimate is unchanged). Implemented in {@code sharing} with the member key.
 */
public interface BinKeying {

  /** Public id of the key (written into the sketch header; never 0). */
  int keyId();

  /** 64-bit seed of the shingle permutation, derived from the key. */
  long seed();

  /** The travelling value of bin {@code bin} whose minimum 64-bit hash is {@code min}. */
  int value(int bin, long min);
}
