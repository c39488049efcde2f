package io.distillwatch.linking;

/**
 * A growable open-addressing map from long keys to long values (16 bytes a slot, no boxing): the
 * incremental linker's values held by one account so far (most values), and its pairs' packed weights.
 */
final class LongLongTable {
  static final long MISSING = Long.MIN_VALUE;
  private static final long EMPTY = 0L;
  private long[] keys;
  private long[] values;
  private int size;

  LongLongTable() {
    keys = new long[1 << 10];
    values = new long[1 << 10];
  }

  int size() {
    return size;
  }

  long get(long key) {
    long k = nonZero(key);
    int mask = keys.length - 1;
    for (int i = slot(k, mask); ; i = (i + 1) & mask) {
      if (keys[i] == k) {
        return values[i];
      }
      if (keys[i] == EMPTY) {
        return MISSING;
      }
    }
  }

  void put(long key, long value) {
    if ((size + 1) * 3L > keys.length * 2L) {
      grow();
    }
    insert(nonZero(key), value);
  }

  /** Removes a key (backward-shift deletion, so lookups stay correct without tombstones). */
  void remove(long key) {
    long k = nonZero(key);
    int mask = keys.length - 1;
    int i = slot(k, mask);
    while (keys[i] != k) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      // move j into the gap unless its home lies cyclically in (gap, j]
      boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
      if (!stays) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = EMPTY;
  }

  /** Calls {@code visitor} for every entry. */
  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  interface Visitor {
    void visit(long key, long value);
  }

  private void insert(long k, long value) {
    int mask = keys.length - 1;
    int i = slot(k, mask);
    while (keys[i] != EMPTY && keys[i] != k) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      size++;
    }
    keys[i] = k;
    values[i] = value;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        insert(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long k, int mask) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** 0 marks an empty slot; a hash of 0 is stored as 1 (one more collision in 2^64). */
  private static long nonZero(long key) {
    return key == EMPTY ? 1L : key;
  }
}
