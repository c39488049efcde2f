package io.distillwatch.node.console;

import io.distillwatch.node.store.ConsoleStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every route: security headers on every answer; then who is asking. Open without
 * credentials: {@code /healthz}, {@code /readyz}, {@code /metrics}, {@code /assets/*} and the login
 * form. {@code /api/*} takes a session cookie or {@code Authorization: Bearer} with a user's API token
 * (401 otherwise); pages take a session (redirect to the login form otherwise). Every state-changing
 * request on a session must carry the session's CSRF token (form field {@code _csrf} or header
 * {@code X-CSRF-Token}; 403 otherwise); API-token requests carry no ambient credential and need none.
 * {@code /admin/*} needs the admin role (403).
 */
public final class ConsoleAuth {
  public static final String SESSION_COOKIE = "dw_session";
  public static final String LOGIN_COOKIE = "dw_login";
  static final String PRINCIPAL = "principal";
  private static final Set<String> OPEN = Set.of("/healthz", "/readyz", "/metrics", "/login", "/favicon.ico");
  /** Routes called by other members' nodes, not by people: each request carries the member's Ed25519 signature,
   *  which the route verifies itself (ADR 0045); a console session or API token means nothing there. */
  private static final String MEMBER_SIGNED_PREFIX = "/api/psi/";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ConsoleStore store;
  private final Sessions sessions;
  private final ConsoleSettings settings;

  public ConsoleAuth(ConsoleStore store, Sessions sessions, ConsoleSettings settings) {
    this.store = store;
    this.sessions = sessions;
    this.settings = settings;
  }

  public void before(Context ctx) {
    headers(ctx);
    String path = ctx.path();
    if (OPEN.contains(path) || path.startsWith("/assets/") || path.startsWith(MEMBER_SIGNED_PREFIX)) {
      return;
    }
    boolean api = path.startsWith("/api/");
    Optional<Principal> who = api ? bearer(ctx) : Optional.empty();
    if (who.isEmpty()) {
      who = session(ctx);
    }
    if (who.isEmpty()) {
      if (api) {
        deny(ctx, 401, "authentication required: a session or Authorization: Bearer <API token>");
      } else if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/login?next=" + URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8));
        ctx.skipRemainingHandlers();
      } else {
        deny(ctx, 401, "authentication required");
      }
      return;
    }
    Principal p = who.get();
    if (p.session() != null && changesState(ctx) && !p.session().csrfMatches(submittedCsrf(ctx))) {
      deny(ctx, 403, "missing or wrong CSRF token: reload the page and try again");
      return;
    }
    if (path.startsWith("/admin/") && !p.isAdmin()) {
      deny(ctx, 403, "this needs the admin role");
      return;
    }
    ctx.attribute(PRINCIPAL, p);
  }

  /** The request's principal (set by {@link #before}). */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("no principal on an authenticated route");
    }
    return p;
  }

  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!ctx.path().startsWith("/assets/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  private Optional<Principal> bearer(Context ctx) {
    String h = ctx.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return store.userByTokenHash(Passwords.sha256(h.substring(7).trim())).map(u -> new Principal(u.username(), u.role(), null));
  }

  private Optional<Principal> session(Context ctx) {
    Optional<Sessions.Session> s = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (s.isEmpty() && !settings.authRequired()) {
      // http.auth=none (loopback only): every browser is the local admin, still with a CSRF token
      s = Optional.of(sessions.create("local", "admin"));
      setCookie(ctx, SESSION_COOKIE, s.get().id(), -1);
    }
    return s.map(x -> new Principal(x.username(), x.role(), x));
  }

  private static boolean changesState(Context ctx) {
    HandlerType m = ctx.method();
    return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
  }

  private static String submittedCsrf(Context ctx) {
    String h = ctx.header("X-CSRF-Token");
    if (h != null) {
      return h;
    }
    String ct = ctx.contentType();
    return ct != null && ct.startsWith("application/x-www-form-urlencoded") ? ctx.formParam("_csrf") : null;
  }

  static String pathAndQuery(Context ctx) {
    String q = ctx.queryString();
    return q == null ? ctx.path() : ctx.path() + "?" + q;
  }

  static void deny(Context ctx, int status, String message) {
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ctx.json(java.util.Map.of("error", message));
    } else {
      ctx.contentType("text/plain; charset=utf-8").result(message);
    }
    ctx.skipRemainingHandlers();
  }

  /** Sets an HttpOnly, SameSite=Strict cookie; Secure per {@code http.cookie-secure}. maxAge -1: session cookie, 0: delete. */
  void setCookie(Context ctx, String name, String value, int maxAgeSeconds) {
    StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Strict");
    if (maxAgeSeconds >= 0) {
      c.append("; Max-Age=").append(maxAgeSeconds);
    }
    if (secure(ctx)) {
      c.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", c.toString());
  }

  private boolean secure(Context ctx) {
    return switch (settings.cookieSecure()) {
      case "true" -> true;
      case "false" -> false;
      default -> "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    };
  }

  Sessions sessions() {
    return sessions;
  }
}
