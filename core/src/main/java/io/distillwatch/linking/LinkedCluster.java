package io.distillwatch.linking;

import java.util.List;

/** A connected component of two or more linked accounts and the evidence linking them. */
public record LinkedCluster(
    String id, List<String> accounts, List<Link> links, String templateFingerprint, List<Group> groups) {

  /** Members sharing one value (for drawing the cluster): at most 40 groups of 40 members. */
  public record Group(LinkKind kind, String example, double weight, List<String> members) {}

  /**
   * Evidence of one kind: {@code pairs} member pairs share a value of it, held by {@code accounts}
   * members; the strongest value's weight.
   */
  public record Link(LinkKind kind, long pairs, double weight, List<String> examples, int accounts) {}
}
