package io.distillwatch.template;

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017) over the shingles of a
 * template skeleton.
 *
 * <p>Shingles are token trigrams of the skeleton (word tokens, or single characters for CJK text, so
 * CJK shingles are character 3-grams); a skeleton shorter than 3 tokens is one shingle. Each shingle
 * hash is re-hashed with the key's seed; its top {@code log2(bins)} bits choose the bin and the bin
 * keeps the smallest hash. Empty bins borrow the value of a bin chosen by a seeded probe sequence, so
 * two sketches stay comparable bin by bin. Similarity = fraction of equal bins (an unbiased estimate
 * of the Jaccard similarity of the shingle sets).
 *
 * <p>Defaults: {@value #DEFAULT_BINS} bins. Bins must be a power of two in [8, 1024]. Thread-safe
 * (immutable); {@link #sketch(CharSequence)} allocates a normaliser per call, prefer
 * {@link #sketch(NormalizedPrompt)} on a hot path.
 */
public final class TemplateSketcher {
  public static final int DEFAULT_BINS = 64;

  private final int bins;
  private final int shift;
  private final long seed;
  private final int keyId;
  private final BinKeying keying;

  /**
   * @param seed 64-bit secret seed (derive it from the member key when sketches are shared; an
   *     unkeyed sketcher uses 0)
   * @param keyId public id of the key, written into the wire format so sketches of different keys
   *     refuse to compare
   */
  public TemplateSketcher(int bins, long seed, int keyId) {
    if (bins < 8 || bins > 1024 || Integer.bitCount(bins) != 1) {
      throw new IllegalArgumentException("bins must be a power of two in [8, 1024]: " + bins);
    }
    this.bins = bins;
    this.shift = 64 - Integer.numberOfTrailingZeros(bins);
    this.seed = seed;
    this.keyId = keyId;
    this.keying = null;
  }

  /**
   * A keyed sketcher: the permutation seed and the key id come from {@code keying}, and every bin value
   * is passed through it, so the sketches it makes (version 2) may travel: without the key nobody can
   * sketch a guessed template to compare.
   */
  public static TemplateSketcher keyed(int bins, BinKeying keying) {
    if (keying.keyId() == 0) {
      throw new IllegalArgumentException("a keyed sketcher needs a non-zero key id");
    }
    return new TemplateSketcher(new TemplateSketcher(bins, keying.seed(), keying.keyId()), keying);
  }

  private TemplateSketcher(TemplateSketcher base, BinKeying keying) {
    this.bins = base.bins;
    this.shift = base.shift;
    this.seed = base.seed;
    this.keyId = base.keyId;
    this.keying = keying;
  }

  /** An unkeyed sketcher (seed 0, key id 0) with {@value #DEFAULT_BINS} bins: local use only. */
  public static TemplateSketcher unkeyed() {
    return new TemplateSketcher(DEFAULT_BINS, 0L, 0);
  }

  public int bins() {
    return bins;
  }

  public int keyId() {
    return keyId;
  }

  /** Two-byte fingerprint of the seed, carried in the wire format. */
  public short seedHash() {
    return TemplateSketch.seedHash(seed);
  }

  /** Sketch of a prompt or a stored skeleton (a skeleton normalises to itself). */
  public TemplateSketch sketch(CharSequence promptOrSkeleton) {
    return sketch(new PromptNormalizer().normalize(promptOrSkeleton));
  }

  /** Sketch of the skeleton of an already normalised prompt. */
  public TemplateSketch sketch(NormalizedPrompt prompt) {
    int m = prompt.skeletonLength();
    long[] tokens = new long[m];
    for (int i = 0; i < m; i++) {
      tokens[i] = prompt.skeletonHash(i);
    }
    return sketchTokens(tokens, m);
  }

  /** Sketch of the trigram shingles of a sequence of token hashes (the first {@code m}). */
  TemplateSketch sketchTokens(long[] tokens, int m) {
    long[] min = new long[bins];
    boolean[] filled = new boolean[bins];
    byte version = keying == null ? TemplateSketch.VERSION : TemplateSketch.VERSION_KEYED;
    if (m == 0) {
      return new TemplateSketch(version, keyId, seedHash(), new int[bins], true);
    }
    if (m < 3) {
      long h = tokens[0];
      if (m == 2) {
        h = Hash64.combine(h, tokens[1]);
      }
      add(h, min, filled);
    } else {
      for (int i = 2; i < m; i++) {
        add(Hash64.combine(Hash64.combine(tokens[i - 2], tokens[i - 1]), tokens[i]), min, filled);
      }
    }
    densify(min, filled);
    int[] values = new int[bins];
    for (int i = 0; i < bins; i++) {
      // keyed: the bin index goes into the PRF too, so densified (copied) bins do not show as repeats
      values[i] = keying == null ? (int) min[i] : keying.value(i, min[i]);
    }
    return new TemplateSketch(version, keyId, seedHash(), values, false);
  }

  private void add(long shingle, long[] min, boolean[] filled) {
    long h = Hash64.mix(shingle ^ seed);
    int bin = (int) (h >>> shift);
    if (!filled[bin] || Long.compareUnsigned(h, min[bin]) < 0) {
      min[bin] = h;
      filled[bin] = true;
    }
  }

  private void densify(long[] min, boolean[] filled) {
    long[] src = min.clone();
    for (int i = 0; i < bins; i++) {
      if (filled[i]) {
        continue;
      }
      long probe = Hash64.combine(seed, i);
      for (int attempt = 0; ; attempt++) {
        int j = (int) (probe >>> shift);
        if (filled[j]) {
          min[i] = src[j];
          break;
        }
        probe = Hash64.combine(probe, attempt);
      }
    }
  }
}
