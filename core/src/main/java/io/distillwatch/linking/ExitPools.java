package io.distillwatch.linking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The {@code exit_pool} link kind, shared by both linkers: an account that used a small set of
 * network prefixes (2 to {@value #MAX_PREFIXES} /24s or /64s) holds one value per pair of them, and a
 * value weighs by how exclusive it is to its holders ({@link LinkPolicy#exitPoolWeight}): accounts
 * rotating over the same few /24s link even when each /24 is a cloud range, unless many others use
 * those /24s too. Replaces the batch linker's group rule on overlapping prefix pools.
 */
public final class ExitPools {
  /** An account with more prefixes than this (8) is not drawing on a small pool. */
  static final int MAX_PREFIXES = 8;

  private ExitPools() {}

  /** The values of an account's prefixes: every pair, in sorted order ("a b"); none outside 2..8 or when capped. */
  public static List<String> values(List<String> prefixes, boolean capped) {
    List<String> out = new ArrayList<>();
    if (capped || prefixes.size() < 2 || prefixes.size() > MAX_PREFIXES) {
      return out;
    }
    List<String> sorted = new ArrayList<>(prefixes);
    sorted.sort(null);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        out.add(sorted.get(i) + " " + sorted.get(j));
      }
    }
    return out;
  }

  /**
   * The weight of a value held by {@code holders} accounts, given how many accounts hold each of its
   * prefixes ({@code prefixHolders} of an {@code ip_prefix} evidence key).
   */
  static double weight(LinkPolicy policy, int holders, String value, ToIntFunction<String> prefixHolders) {
    if (value == null) {
      return 0;
    }
    int space = value.indexOf(' ');
    if (space < 0) {
      return 0;
    }
    int busiest = Math.max(
        prefixHolders.applyAsInt(LinkKind.IP_PREFIX.key(value.substring(0, space))),
        prefixHolders.applyAsInt(LinkKind.IP_PREFIX.key(value.substring(space + 1))));
    return policy.exitPoolWeight(holders, Math.max(holders, busiest));
  }
}
