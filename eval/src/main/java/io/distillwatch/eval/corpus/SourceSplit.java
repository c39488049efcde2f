package io.distillwatch.eval.corpus;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which prompt sources a simulation draws from (DESIGN §7). Sources are compared by family, the part
 * before the first {@code ':'} ({@code bbh_codex_cot:navigate} → {@code bbh_codex_cot}). Every family not
 * in the held-out set is a tuning source.
 */
public final class SourceSplit {

  /** DESIGN §7's held-out families: reported, never tuned on. */
  public static final Set<String> DEFAULT_HELDOUT =
      Set.of("math_train(deepscaler)", "gpteacher_toolformer_0.9", "arena_hard_v2.0", "oasst1_zh", "humaneval");

  /** Which side of the split to use. */
  public enum Side {
    TUNING,
    HELDOUT,
    ALL;

    public static Side parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT).replace("-", "")) {
        case "tuning" -> TUNING;
        case "heldout" -> HELDOUT;
        case "all" -> ALL;
        default -> throw new IllegalArgumentException("split must be tuning, heldout or all: " + s);
      };
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Side side;
  private final Set<String> heldout;

  public SourceSplit(Side side, Collection<String> heldoutFamilies) {
    this.side = side;
    this.heldout = Set.copyOf(new LinkedHashSet<>(heldoutFamilies));
  }

  /** The default split (DESIGN §7) on the given side. */
  public static SourceSplit defaults(Side side) {
    return new SourceSplit(side, DEFAULT_HELDOUT);
  }

  /** A split with held-out families given as a comma-separated list (null or blank = the default). */
  public static SourceSplit of(Side side, String heldoutCsv) {
    if (heldoutCsv == null || heldoutCsv.isBlank()) {
      return defaults(side);
    }
    return new SourceSplit(side, Arrays.stream(heldoutCsv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  public static String family(String source) {
    int colon = source.indexOf(':');
    return colon < 0 ? source : source.substring(0, colon);
  }

  public Side side() {
    return side;
  }

  public Set<String> heldoutFamilies() {
    return heldout;
  }

  public boolean isHeldout(String source) {
    return heldout.contains(family(source));
  }

  /** True when a record of this source is used on this side of the split. */
  public boolean includes(String source) {
    return switch (side) {
      case ALL -> true;
      case HELDOUT -> isHeldout(source);
      case TUNING -> !isHeldout(source);
    };
  }
}
