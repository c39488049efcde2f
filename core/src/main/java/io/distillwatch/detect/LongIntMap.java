package io.distillwatch.detect;

/** Open-addressing map from non-zero long keys to int values, build once and read many times. */
final class LongIntMap {
  private final long[] keys;
  private final int[] values;
  private final int mask;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 3)) << 1;
    keys = new long[cap];
    values = new int[cap];
    mask = cap - 1;
  }

  void put(long key, int value) {
    if (key == 0) {
      throw new IllegalArgumentException("key 0 is reserved");
    }
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** The value, or {@code missing}. */
  int get(long key, int missing) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == 0) {
        return missing;
      }
      i = (i + 1) & mask;
    }
  }
}
