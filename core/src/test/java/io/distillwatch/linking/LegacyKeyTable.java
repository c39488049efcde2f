package io.distillwatch.linking;

import java.nio.charset.StandardCharsets;

/**
 * The linker's evidence index: for each distinct evidence key, the accounts holding it. Keys are kept
 * as 64-bit hashes in an open-addressing table of primitive arrays (about 40 bytes per distinct key at
 * most 60% load) rather than as strings in maps, so tens of millions of evidence records fit in a few
 * gigabytes. A member list is allocated only once a second account holds the key, and so is the
 * readable example (the smallest seen from the second holder on; for all kinds but templates and
 * co-activity every holder's example is the value itself). Two distinct keys colliding in 64 bits
 * (about 1 in 10^5 at 30 million keys) would be treated as one value.
 */
final class LegacyKeyTable {
  private static final long EMPTY = 0L;

  private long[] keys;
  private int[] counts;
  private int[] first;
  private int[][] members;
  private String[] examples;
  private byte[] kinds;
  private int size;

  LegacyKeyTable() {
    allocate(1 << 16);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    counts = new int[capacity];
    first = new int[capacity];
    members = new int[capacity][];
    examples = new String[capacity];
    kinds = new byte[capacity];
  }

  void add(LinkKind kind, String key, int account, String example) {
    if ((size + 1) * 10 > keys.length * 6) {
      grow();
    }
    long h = hash(key);
    int slot = slotOf(h);
    if (keys[slot] == EMPTY) {
      keys[slot] = h;
      kinds[slot] = (byte) kind.ordinal();
      first[slot] = account;
      counts[slot] = 1;
      size++;
      return;
    }
    int n = counts[slot];
    int[] m = members[slot];
    if (m == null) {
      m = new int[4];
      m[0] = first[slot];
    } else if (n == m.length) {
      m = java.util.Arrays.copyOf(m, n * 2);
    }
    m[n] = account;
    members[slot] = m;
    counts[slot] = n + 1;
    if (example != null && (examples[slot] == null || example.compareTo(examples[slot]) < 0)) {
      examples[slot] = example;
    }
  }

  int capacity() {
    return keys.length;
  }

  int distinctKeys() {
    return size;
  }

  boolean used(int slot) {
    return keys[slot] != EMPTY;
  }

  long key(int slot) {
    return keys[slot];
  }

  int count(int slot) {
    return counts[slot];
  }

  LinkKind kind(int slot) {
    return LinkKind.values()[kinds[slot]];
  }

  /** The holders; {@code count(slot)} entries are valid. */
  int[] members(int slot) {
    return members[slot] != null ? members[slot] : new int[] {first[slot]};
  }

  String example(int slot) {
    return examples[slot];
  }

  private int slotOf(long h) {
    int mask = keys.length - 1;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    while (keys[slot] != EMPTY && keys[slot] != h) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    int[] oldFirst = first;
    int[][] oldMembers = members;
    String[] oldExamples = examples;
    byte[] oldKinds = kinds;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
        first[slot] = oldFirst[i];
        members[slot] = oldMembers[i];
        examples[slot] = oldExamples[i];
        kinds[slot] = oldKinds[i];
      }
    }
  }

  /** FNV-1a over the UTF-8 bytes, then a 64-bit finaliser; never {@link #EMPTY}. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }
}
