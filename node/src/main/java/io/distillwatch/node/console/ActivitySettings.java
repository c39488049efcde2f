package io.distillwatch.node.console;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the node keeps for the console beside verdicts (node keys {@code store.examples},
 * {@code store.redact}, {@code retention.activity}, {@code retention.examples}).
 *
 * @param examples keep example prompts at all (default true)
 * @param redact keep only template skeletons of prompts, IPs cut to their /24 (as {@code scan --redact});
 *     secrets and e-mail addresses are removed in any case
 * @param activityRetention hourly counts older than this are deleted (0 keeps them)
 * @param examplesRetention example prompts older than this are deleted (0 keeps them)
 */
public record ActivitySettings(boolean examples, boolean redact, Duration activityRetention, Duration examplesRetention)
    implements Serializable {
  public static ActivitySettings defaults() {
    return new ActivitySettings(true, false, Duration.ofDays(90), Duration.ofDays(30));
  }
}
