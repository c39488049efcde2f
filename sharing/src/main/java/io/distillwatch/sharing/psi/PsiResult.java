package io.distillwatch.sharing.psi;

import java.util.List;

/**
 * What one party learned from a session: the peer's set size and, per mode, either which of its
 * own items are shared ({@link PsiMode#INTERSECT}) or only how many ({@link PsiMode#COUNT}, where
 * {@link #matched()} is always empty).
 */
public record PsiResult(String peer, String session, PsiMode mode, int ownSize, int peerSize, int count,
    List<PsiItem> matched) {

  public PsiResult {
    matched = List.copyOf(matched);
    if (mode == PsiMode.COUNT && !matched.isEmpty()) {
      throw new IllegalArgumentException("a count-only result names no items");
    }
  }
}
