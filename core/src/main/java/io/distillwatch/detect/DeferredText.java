package io.distillwatch.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * An evidence sentence formatted ({@link String#format} with {@link Locale#ROOT}) on first read and
 * then kept. Arguments must be immutable values (numbers, strings, instants, other deferred texts):
 * they are read when the text is, not when it was written.
 */
final class DeferredText {
  private final String format;
  private final Object[] args;
  private String text;

  DeferredText(String format, Object... args) {
    this.format = format;
    this.args = args;
  }

  @Override
  public String toString() {
    if (text == null) {
      text = String.format(Locale.ROOT, format, args);
    }
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeferredText d && d.format.equals(format) && Arrays.equals(d.args, args);
  }

  @Override
  public int hashCode() {
    return format.hashCode() * 31 + Arrays.hashCode(args);
  }
}
