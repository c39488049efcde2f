package io.distillwatch.node.console;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions, in memory: the cookie holds 256 random bits, the server keeps who it is, the
 * role, and the session's CSRF token. A session ends on logout, after {@code idle} without a request,
 * after {@code absolute} in any case, and when its user is disabled. A restart logs everyone out.
 */
public final class Sessions {
  /** One logged-in browser. */
  public record Session(String id, String username, String role, String csrf, long createdMs, long lastSeenMs) {
    public boolean isAdmin() {
      return "admin".equals(role);
    }

    /** Constant-time comparison of a submitted CSRF token with this session's. */
    public boolean csrfMatches(String submitted) {
      return submitted != null
          && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Duration absolute;
  private final Clock clock;

  public Sessions(Duration idle, Duration absolute, Clock clock) {
    this.idle = idle;
    this.absolute = absolute;
    this.clock = clock;
  }

  public Session create(String username, String role) {
    long now = clock.millis();
    Session s = new Session(Passwords.randomToken(32), username, role, Passwords.randomToken(32), now, now);
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this id, touched; empty if unknown or expired (and then forgotten). */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    if (now - s.lastSeenMs() > idle.toMillis() || now - s.createdMs() > absolute.toMillis()) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.username(), s.role(), s.csrf(), s.createdMs(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  public void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  public void endAllOf(String username) {
    sessions.values().removeIf(s -> s.username().equals(username));
  }

  /** Drops expired sessions (called now and then so abandoned ones do not pile up). */
  public void sweep() {
    long now = clock.millis();
    sessions.values().removeIf(s -> now - s.lastSeenMs() > idle.toMillis() || now - s.createdMs() > absolute.toMillis());
  }

  public Duration idle() {
    return idle;
  }
}
