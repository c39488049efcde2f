package io.distillwatch.sharing.psi;

/**
 * An element list of known size received chunk by chunk, strictly in order: chunk {@code i} must
 * be the next one and hold exactly its share of elements, so a repeated or skipped chunk is refused.
 */
final class ChunkedList {

  private final int size;
  private final int chunkSize;
  private final int chunks;
  private final Elements.Builder elements;
  private int next;

  ChunkedList(int size, int chunkSize) {
    this.size = size;
    this.chunkSize = chunkSize;
    this.chunks = Math.max(1, (size + chunkSize - 1) / chunkSize);
    this.elements = new Elements.Builder(size);
  }

  static int sizeOf(int index, int size, int chunkSize) {
    return Math.min(chunkSize, size - index * chunkSize);
  }

  int chunks() {
    return chunks;
  }

  boolean complete() {
    return next == chunks;
  }

  /** Refuses chunk {@code index} of {@code count} elements unless it is the next one and full-sized. */
  void requireNext(int index, int count) {
    if (index != next) {
      throw new PsiException(PsiException.Reason.REPLAYED,
          "chunk " + index + " arrived, chunk " + next + " was expected (repeats and gaps are refused)");
    }
    if (count != sizeOf(index, size, chunkSize)) {
      throw new PsiException(PsiException.Reason.MALFORMED,
          "chunk " + index + " holds " + count + " elements, expected " + sizeOf(index, size, chunkSize));
    }
  }

  void put(int index, Elements chunk) {
    requireNext(index, chunk.size());
    byte[] one = new byte[Elements.SIZE];
    for (int k = 0; k < chunk.size(); k++) {
      chunk.copyTo(k, one);
      elements.set(index * chunkSize + k, one);
    }
    next++;
  }

  Elements all() {
    if (!complete()) {
      throw new PsiException(PsiException.Reason.WRONG_STEP, "not all chunks have arrived");
    }
    return elements.build();
  }
}
