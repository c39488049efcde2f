package io.distillwatch.linking;

/**
 * An open-addressing map from {@code long} keys to {@code long} values (16 bytes a slot, at most half
 * full), for the linker's pair weights: a boxed {@code HashMap<Long, double[]>} took about 170 bytes a
 * pair. Also used as a set. Key 0 marks a free slot, so it is kept aside.
 */
final class LongLongMap {
  private long[] keys;
  private long[] values;
  private int size;
  private int shift;
  private boolean hasZero;
  private long zeroValue;

  LongLongMap(int expected) {
    int cap = 4;
    while (cap < expected * 2L && cap < (1 << 30)) {
      cap <<= 1;
    }
    keys = new long[cap];
    values = new long[cap];
    shift = 64 - Integer.numberOfTrailingZeros(cap);
  }

  private int home(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  int size() {
    return size + (hasZero ? 1 : 0);
  }

  /** The slot of {@code key}, or {@code -1 - slot} where it would go. */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = home(key);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        return slot;
      }
      if (k == 0) {
        return -1 - slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  boolean contains(long key) {
    return key == 0 ? hasZero : find(key) >= 0;
  }

  /** The value of {@code key}, or {@code missing}. */
  long get(long key, long missing) {
    if (key == 0) {
      return hasZero ? zeroValue : missing;
    }
    int slot = find(key);
    return slot >= 0 ? values[slot] : missing;
  }

  /** Sets {@code key} to {@code value}; true if the key is new. */
  boolean put(long key, long value) {
    if (key == 0) {
      boolean added = !hasZero;
      hasZero = true;
      zeroValue = value;
      return added;
    }
    int slot = find(key);
    if (slot >= 0) {
      values[slot] = value;
      return false;
    }
    slot = -1 - slot;
    keys[slot] = key;
    values[slot] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
    return true;
  }

  /** Removes {@code key} (backward-shift deletion: no tombstones, lookups stay correct). */
  void remove(long key) {
    if (key == 0) {
      hasZero = false;
      return;
    }
    int slot = find(key);
    if (slot < 0) {
      return;
    }
    int mask = keys.length - 1;
    int gap = slot;
    for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
      int home = home(keys[j]);
      // j may move into the gap unless its home lies cyclically in (gap, j]
      boolean stays = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
      if (!stays) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = 0;
    size--;
  }

  /**
   * Raises the 4-bit field {@code kind} of {@code key}'s value to {@code code} (see {@link
   * WeightCodes#max}), adding the key with only that field set if it is absent and {@code mayAdd}.
   * One probe where a get and a put would take two.
   */
  void raise(long key, int kind, int code, boolean mayAdd) {
    if (key == 0) {
      long v = get(0, -1L);
      if (v != -1L || mayAdd) {
        put(0, WeightCodes.raise(v == -1L ? 0L : v, kind, code));
      }
      return;
    }
    int slot = find(key);
    if (slot >= 0) {
      values[slot] = WeightCodes.raise(values[slot], kind, code);
      return;
    }
    if (!mayAdd) {
      return;
    }
    slot = -1 - slot;
    keys[slot] = key;
    values[slot] = WeightCodes.raise(0L, kind, code);
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /** Calls {@code action} with every key and value. */
  void forEach(Entry action) {
    if (hasZero) {
      action.accept(0L, zeroValue);
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  interface Entry {
    void accept(long key, long value);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    shift--;
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      long k = oldKeys[i];
      if (k != 0) {
        int slot = home(k);
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = k;
        values[slot] = oldValues[i];
      }
    }
  }
}
