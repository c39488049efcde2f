package io.distillwatch.linking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The linker's evidence index: for each distinct evidence key, the accounts holding it. Keys are kept
 * as 64-bit hashes in an open-addressing table of primitive arrays rather than as strings in maps, so
 * tens of millions of evidence records fit in a few hundred megabytes. Two distinct keys colliding in
 * 64 bits (about 1 in 10^5 at 30 million keys) would be treated as one value.
 *
 * <p>Most distinct keys are held by one account (a template or co-activity band nobody else has) and
 * can never link. A slot therefore costs 12 bytes: the key's hash and one int, which is the single
 * holder's index, or (negative) the index of the key's entry in a dense side table once a second
 * account holds it. Only those shared keys get a kind, a member list and a readable example (the
 * smallest seen from the second holder on; for all kinds but templates and co-activity every holder's
 * example is the value itself). A shared key's first two holders live inline in the side table, so a
 * member array is allocated only from the third on.
 *
 * <p>The slot layout (hash function, probing, growth) is the same as when every slot carried all of
 * this, so slots are visited in the same order and the linker's output does not depend on how the
 * table stores its values.
 */
final class KeyTable {
  private static final long EMPTY = 0L;

  private long[] keys;
  /** Single holder's account index (≥ 0), or {@code -1 - entry} for a key shared by two or more. */
  private int[] ref;
  private int size;

  // Dense side table of shared keys, indexed by entry.
  private int entries;
  private int[] counts = new int[1024];
  private int[] second = new int[1024];
  private int[] firstHolder = new int[1024];
  private int[][] more = new int[1024][];
  private String[] examples = new String[1024];
  private byte[] kinds = new byte[1024];

  KeyTable() {
    keys = new long[1 << 16];
    ref = new int[1 << 16];
  }

  void add(LinkKind kind, String key, int account, String example) {
    if ((size + 1) * 10 > keys.length * 6) {
      grow();
    }
    long h = hash(key);
    int slot = slotOf(h);
    if (keys[slot] == EMPTY) {
      keys[slot] = h;
      ref[slot] = account;
      size++;
      return;
    }
    int r = ref[slot];
    int e;
    if (r >= 0) {
      e = newEntry(kind, r, account);
      ref[slot] = -1 - e;
    } else {
      e = -1 - r;
      int n = counts[e];
      int[] m = more[e];
      int extra = n - 2;
      if (m == null) {
        m = new int[4];
        more[e] = m;
      } else if (extra == m.length) {
        m = Arrays.copyOf(m, extra * 2);
        more[e] = m;
      }
      m[extra] = account;
      counts[e] = n + 1;
    }
    if (example != null && (examples[e] == null || example.compareTo(examples[e]) < 0)) {
      examples[e] = example;
    }
  }

  private int newEntry(LinkKind kind, int first, int account) {
    if (entries == counts.length) {
      int cap = entries + (entries >> 1);
      counts = Arrays.copyOf(counts, cap);
      second = Arrays.copyOf(second, cap);
      firstHolder = Arrays.copyOf(firstHolder, cap);
      more = Arrays.copyOf(more, cap);
      examples = Arrays.copyOf(examples, cap);
      kinds = Arrays.copyOf(kinds, cap);
    }
    int e = entries++;
    counts[e] = 2;
    firstHolder[e] = first;
    second[e] = account;
    kinds[e] = (byte) kind.ordinal();
    return e;
  }

  int capacity() {
    return keys.length;
  }

  int distinctKeys() {
    return size;
  }

  /** Keys held by two or more accounts. */
  int sharedKeys() {
    return entries;
  }

  boolean used(int slot) {
    return keys[slot] != EMPTY;
  }

  /** A used slot whose key two or more accounts hold (the only keys that can link). */
  boolean shared(int slot) {
    return ref[slot] < 0;
  }

  long key(int slot) {
    return keys[slot];
  }

  int count(int slot) {
    int r = ref[slot];
    return r < 0 ? counts[-1 - r] : 1;
  }

  /** The kind of a shared key ({@link #shared}); unknown (null) for a key held by one account. */
  LinkKind kind(int slot) {
    int r = ref[slot];
    return r < 0 ? LinkKind.values()[kinds[-1 - r]] : null;
  }

  /** The holders, in the order they were added; {@code count(slot)} entries are valid. */
  int[] members(int slot) {
    int r = ref[slot];
    if (r >= 0) {
      return new int[] {r};
    }
    int e = -1 - r;
    int n = counts[e];
    int[] m = new int[n];
    m[0] = firstHolder[e];
    m[1] = second[e];
    if (n > 2) {
      System.arraycopy(more[e], 0, m, 2, n - 2);
    }
    return m;
  }

  /** How many accounts hold {@code key} (0 when none). */
  int holders(String key) {
    int slot = slotOf(hash(key));
    return used(slot) ? count(slot) : 0;
  }

  String example(int slot) {
    int r = ref[slot];
    return r < 0 ? examples[-1 - r] : null;
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
    int[] oldRef = ref;
    keys = new long[oldKeys.length * 2];
    ref = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        ref[slot] = oldRef[i];
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
