package io.distillwatch.node.console;

import java.time.Duration;

/**
 * The console's settings (node keys {@code http.auth}, {@code http.cookie-secure},
 * {@code http.session-idle}, {@code http.session-max}; docs/console.md).
 *
 * @param authRequired false only for {@code http.auth=none}, which the node accepts on a loopback bind
 *     address alone
 * @param cookieSecure {@code true}, {@code false} or {@code auto} (Secure when the request came over
 *     HTTPS, directly or as {@code X-Forwarded-Proto: https} from a proxy)
 */
public record ConsoleSettings(boolean authRequired, String cookieSecure, Duration sessionIdle, Duration sessionMax) {
  public static ConsoleSettings defaults() {
    return new ConsoleSettings(true, "auto", Duration.ofMinutes(30), Duration.ofHours(12));
  }
}
