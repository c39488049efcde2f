package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** The first {@code cap} distinct strings seen, plus how many further distinct-looking ones were dropped. */
final class CappedSet {
  private String[] items = new String[0];
  private final int cap;
  private int dropped;

  CappedSet(int cap) {
    this.cap = cap;
  }

  void add(String s) {
    if (s == null) {
      return;
    }
    for (String x : items) {
      if (x.equals(s)) {
        return;
      }
    }
    if (items.length < cap) {
      items = Arrays.copyOf(items, items.length + 1);
      items[items.length - 1] = s;
    } else if (dropped < Integer.MAX_VALUE) {
      dropped++;
    }
  }

  List<String> items() {
    return List.of(items);
  }

  /** Distinct values kept plus values dropped once the cap was reached (an upper bound). */
  int seen() {
    return items.length + dropped;
  }

  boolean full() {
    return items.length >= cap;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(items.length);
    for (String s : items) {
      Codec.writeString(out, s);
    }
    out.writeInt(dropped);
  }

  static CappedSet read(DataInput in, int cap) throws IOException {
    CappedSet c = new CappedSet(cap);
    int n = Codec.readCount(in, cap, "capped set");
    c.items = new String[n];
    for (int i = 0; i < n; i++) {
      c.items[i] = Codec.readString(in);
    }
    c.dropped = in.readInt();
    return c;
  }
}
