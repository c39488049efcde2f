package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A consistent sample of an account's distinct substantive prompts (32-bit fingerprints), for the
 * {@code prompt_overlap} link kind: every fingerprint whose hash falls below the account's level is
 * kept, and when more than {@value #CAP} are, the level halves and the ones above it are dropped.
 * Light accounts keep every prompt; heavy ones a fraction — the same fraction of the same hash range
 * for everyone, so a prompt two accounts share survives in both samples whenever it is below the
 * lower of their levels. Bounded at {@value #CAP} ints.
 */
final class PromptSample {
  static final int CAP = 48;
  private int[] values;
  private int size;
  /** Keep fingerprints whose unsigned value is below 2^32 >>> level. */
  private int level;

  void offer(long fingerprint) {
    int v = (int) (fingerprint ^ (fingerprint >>> 32));
    if (Integer.toUnsignedLong(v) >= (1L << 32) >>> level) {
      return;
    }
    if (values == null) {
      values = new int[8];
    }
    for (int i = 0; i < size; i++) {
      if (values[i] == v) {
        return;
      }
    }
    if (size == values.length) {
      values = java.util.Arrays.copyOf(values, Math.min(CAP + 1, size * 2));
    }
    values[size++] = v;
    while (size > CAP) {
      level++;
      long bound = (1L << 32) >>> level;
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (Integer.toUnsignedLong(values[i]) < bound) {
          values[kept++] = values[i];
        }
      }
      size = kept;
    }
  }

  /** How many times the level halved: the account sent about {@code CAP << level} distinct such prompts or more. */
  int level() {
    return level;
  }

  /** The sampled fingerprints, in the order first seen. */
  int[] values() {
    return values == null ? new int[0] : java.util.Arrays.copyOf(values, size);
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(level);
    out.writeByte(size);
    for (int i = 0; i < size; i++) {
      out.writeInt(values[i]);
    }
  }

  static PromptSample read(DataInput in) throws IOException {
    PromptSample s = new PromptSample();
    s.level = in.readUnsignedByte();
    int n = in.readUnsignedByte();
    if (n > CAP || s.level > 32) {
      throw new IOException("corrupt prompt sample");
    }
    s.values = n == 0 ? null : new int[Math.max(8, n)];
    for (int i = 0; i < n; i++) {
      s.values[i] = in.readInt();
    }
    s.size = n;
    return s;
  }
}
