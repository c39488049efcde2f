package io.distillwatch.node.console;

/** Who a request acts as: a browser session (with its CSRF token) or an API token's user. */
public record Principal(String username, String role, Sessions.Session session) {
  public boolean isAdmin() {
    return "admin".equals(role);
  }

  /** The CSRF token to put into forms (null for API-token requests, which need none). */
  public String csrf() {
    return session == null ? null : session.csrf();
  }
}
