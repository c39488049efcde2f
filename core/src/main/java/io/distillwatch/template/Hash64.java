package io.distillwatch.template;

/**
 * Small, fast 64-bit hashing used for template keys and MinHash shingles: FNV-1a over UTF-16 chars
 * followed by the MurmurHash3 64-bit finaliser. Stable across JVMs and releases (template keys and
 * sketches depend on it); not a cryptographic hash — keyed sketches get their secrecy from the seed.
 */
public final class Hash64 {
  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;

  private Hash64() {}

  /** MurmurHash3 fmix64: a bijective avalanche step. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Combines two hashes, order-sensitive. */
  public static long combine(long a, long b) {
    return mix(a * 0x9e3779b97f4a7c15L + b);
  }

  /** Hash of a whole string with a seed. */
  public static long hash(CharSequence s, long seed) {
    long h = FNV_OFFSET ^ seed;
    for (int i = 0, n = s.length(); i < n; i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /**
   * Hash identifying a text for exact-resend detection in constant time: length, the first and the
   * last 256 chars. Texts that differ only in the middle of a long text collide (by design: cheap).
   */
  public static long fingerprint(CharSequence s, long seed) {
    int n = s.length();
    if (n <= 512) {
      return hash(s, seed);
    }
    long h = FNV_OFFSET ^ seed ^ n;
    for (int i = 0; i < 256; i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    for (int i = n - 256; i < n; i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return mix(h);
  }

  /** Hash of a string, unseeded. */
  public static long hash(CharSequence s) {
    return hash(s, 0L);
  }
}
