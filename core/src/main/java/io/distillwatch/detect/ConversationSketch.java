package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The conversation turns an account has sent recently ({@code UsageEvent.turnKey}), to tell a
 * continued conversation from a fabricated one ({@code structure.fabricated_history}). Bounded: the
 * last {@value #RECENT} keys in a small ring until the account first continues a conversation, then
 * two generations of a {@value #BITS}-bit Bloom filter (3 probes) of {@value #GENERATION} keys each,
 * the older dropped when the newer fills — 512 bytes, about 1.6% false "seen" at full load. Keys
 * older than two generations are forgotten, so a conversation resumed after hundreds of other
 * requests counts as unobserved once, then as observed.
 */
final class ConversationSketch {
  static final int RECENT = 8;
  static final int BITS = 2048;
  static final int GENERATION = 200;
  private static final int WORDS = BITS / 64;

  private final long[] recent = new long[RECENT];
  private int recentSize;
  private int recentPos;
  /** Null until the first {@link #contains}; then [current generation | older generation]. */
  private long[] bloom;
  private int inCurrent;

  void add(long key) {
    if (bloom == null) {
      recent[recentPos] = key;
      recentPos = (recentPos + 1) % RECENT;
      recentSize = Math.min(RECENT, recentSize + 1);
      return;
    }
    if (inCurrent >= GENERATION) {
      System.arraycopy(bloom, 0, bloom, WORDS, WORDS);
      java.util.Arrays.fill(bloom, 0, WORDS, 0L);
      inCurrent = 0;
    }
    set(key);
    inCurrent++;
  }

  boolean contains(long key) {
    if (bloom == null) {
      boolean found = false;
      for (int i = 0; i < recentSize; i++) {
        found |= recent[i] == key;
      }
      bloom = new long[2 * WORDS];
      for (int i = 0; i < recentSize; i++) {
        set(recent[i]);
      }
      inCurrent = recentSize;
      return found;
    }
    return test(key, 0) || test(key, WORDS);
  }

  private void set(long key) {
    for (int p = 0; p < 3; p++) {
      int bit = probe(key, p);
      bloom[bit >>> 6] |= 1L << bit;
    }
  }

  private boolean test(long key, int offset) {
    for (int p = 0; p < 3; p++) {
      int bit = probe(key, p);
      if ((bloom[offset + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  private static int probe(long key, int p) {
    return (int) ((key >>> (p * 21)) & (BITS - 1));
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(recentSize);
    out.writeByte(recentPos);
    for (int i = 0; i < recentSize; i++) {
      out.writeLong(recent[i]);
    }
    out.writeBoolean(bloom != null);
    if (bloom != null) {
      out.writeShort(inCurrent);
      for (long w : bloom) {
        out.writeLong(w);
      }
    }
  }

  static ConversationSketch read(DataInput in) throws IOException {
    ConversationSketch s = new ConversationSketch();
    s.recentSize = in.readUnsignedByte();
    s.recentPos = in.readUnsignedByte();
    if (s.recentSize > RECENT || s.recentPos >= RECENT) {
      throw new IOException("corrupt conversation sketch");
    }
    for (int i = 0; i < s.recentSize; i++) {
      s.recent[i] = in.readLong();
    }
    if (in.readBoolean()) {
      s.inCurrent = in.readUnsignedShort();
      s.bloom = new long[2 * WORDS];
      for (int i = 0; i < s.bloom.length; i++) {
        s.bloom[i] = in.readLong();
      }
    }
    return s;
  }
}
