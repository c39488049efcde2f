package io.distillwatch.detect;

import io.distillwatch.event.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of one assessment with its sentences not yet formatted: cheap to take after every
 * rise of a score, formatted by {@link #signals()} only for the one that is reported.
 */
public final class Explanation {
  private final String[] ids;
  private final double[] values;
  private final double[] contributions;
  private final Object[] texts;
  private final Signal allowlist;

  Explanation(String[] ids, double[] values, double[] contributions, Object[] texts, Signal allowlist) {
    this.ids = ids;
    this.values = values;
    this.contributions = contributions;
    this.texts = texts;
    this.allowlist = allowlist;
  }

  /** The non-zero signals, strongest contribution first (as {@link Detector#explain} returns them). */
  public List<Signal> signals() {
    List<Signal> out = new ArrayList<>(ids.length + 1);
    for (int i = 0; i < ids.length; i++) {
      out.add(new Signal(ids[i], values[i], contributions[i], texts[i] == null ? null : texts[i].toString()));
    }
    if (allowlist != null) {
      out.add(new Signal(allowlist.id, allowlist.value, allowlist.contribution, allowlist.evidence));
    }
    out.sort((a, b) -> Double.compare(Math.abs(b.contribution), Math.abs(a.contribution)));
    return out;
  }
}
