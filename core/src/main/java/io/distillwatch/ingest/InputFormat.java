package io.distillwatch.ingest;

import java.util.Locale;

/** Input line formats (DESIGN §2, {@code --format}). */
public enum InputFormat {
  /** Decide per line; see {@code docs/ingest.md} for the rule. The default. */
  AUTO,
  /** The canonical usage event, JSON Lines version 1. */
  CANONICAL,
  /** Envelope around a raw Chat Completions (or Responses) request/response body. */
  OPENAI,
  /** Envelope around a raw Messages request/response body. */
  ANTHROPIC,
  /** OpenTelemetry GenAI spans or log records in OTLP JSON; one line may hold many records. */
  OTEL,
  /** Any JSON Lines log through a {@link FieldMapping}. */
  MAPPED;

  /** The lower-case name used on the command line. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a format name, case-insensitively.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static InputFormat parse(String name) {
    if (name != null) {
      for (InputFormat f : values()) {
        if (f.name().equalsIgnoreCase(name.trim())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown input format '" + name + "'; expected one of auto, canonical, openai, anthropic, otel, mapped");
  }
}
