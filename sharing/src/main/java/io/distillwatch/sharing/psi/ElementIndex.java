package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Membership test over a list of elements: open addressing on a random-multiplier hash of each
 * element's first 8 bytes, full 32-byte comparison on a hit. Elements come from the peer, so the
 * multiplier is secret and per index: a peer cannot aim many elements at one probe sequence.
 */
final class ElementIndex {

  private final Elements elements;
  private final int[] slots;
  private final int mask;
  private final long multiplier;
  private final int shift;

  ElementIndex(Elements elements) {
    this.elements = elements;
    int capacity = Integer.highestOneBit(Math.max(4, elements.size() * 2 - 1)) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
    this.multiplier = new SecureRandom().nextLong() | 1L;
    byte[] raw = elements.rawBytes();
    for (int i = 0; i < elements.size(); i++) {
      int s = slot(raw, i * Elements.SIZE);
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = i + 1;
    }
  }

  private int slot(byte[] bytes, int off) {
    long x = 0;
    for (int k = 0; k < 8; k++) {
      x = (x << 8) | (bytes[off + k] & 0xff);
    }
    return (int) ((x * multiplier) >>> shift);
  }

  /** True when element {@code i} of {@code other} is in the index. */
  boolean contains(Elements other, int i) {
    byte[] raw = other.rawBytes();
    int off = i * Elements.SIZE;
    byte[] own = elements.rawBytes();
    for (int s = slot(raw, off); slots[s] != 0; s = (s + 1) & mask) {
      int j = (slots[s] - 1) * Elements.SIZE;
      if (Arrays.equals(own, j, j + Elements.SIZE, raw, off, off + Elements.SIZE)) {
        return true;
      }
    }
    return false;
  }

  /** The positions in {@code ours} of the elements that {@code theirs} also holds, ascending. */
  static int[] positionsOfShared(Elements ours, Elements theirs) {
    ElementIndex index = new ElementIndex(theirs);
    return java.util.stream.IntStream.range(0, ours.size()).filter(k -> index.contains(ours, k)).toArray();
  }

  /** The own items at {@code positions} of a list built in {@code order}; none in count mode. */
  static java.util.List<PsiItem> items(int[] positions, int[] order, PsiSet own, PsiMode mode) {
    if (mode == PsiMode.COUNT) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(positions).mapToObj(k -> own.item(order[k])).toList();
  }
}
