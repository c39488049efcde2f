package io.distillwatch.node.console;

import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The analyst console on the node's Javalin server: authentication for everything but health,
 * readiness, metrics and assets ({@link ConsoleAuth}), the pages ({@link ConsolePages}), their JSON
 * ({@link ConsoleApi}) and the static assets ({@code console/assets/} in the jar: no CDN).
 */
public final class ConsoleWeb {
  private final ConsoleStore store;
  private final ConsoleAuth auth;
  private final ConsolePages pages;
  private final ConsoleApi api;

  public ConsoleWeb(ConsoleStore store, NodeStore history, ConsoleSettings settings) {
    this.store = store;
    Sessions sessions = new Sessions(settings.sessionIdle(), settings.sessionMax(), Clock.systemUTC());
    this.auth = new ConsoleAuth(store, sessions, settings);
    this.pages = new ConsolePages(store, history, auth, new LoginThrottle(Clock.systemUTC()));
    this.api = new ConsoleApi(store);
  }

  /** Static assets; call inside {@code Javalin.create}. */
  public static void configure(JavalinConfig cfg) {
    cfg.staticFiles.add(sf -> {
      sf.hostedPath = "/assets";
      sf.directory = "/console/assets";
      sf.location = Location.CLASSPATH;
      sf.precompress = false;
    });
  }

  /** The auth filter and every console route. */
  public void install(Javalin app) {
    app.before(auth::before);
    pages.routes(app);
    api.routes(app);
  }

  public void sweepSessions() {
    auth.sessions().sweep();
  }

  /**
   * Creates the first admin when there is no user: password from {@code DISTILLWATCH_ADMIN_PASSWORD}
   * (at least {@value Passwords#MIN_LENGTH} characters), otherwise a random one printed once to
   * {@code out}. There is never a default password.
   */
  public static void bootstrapAdmin(ConsoleStore store, String envPassword, PrintStream out) {
    if (store.userCount() > 0) {
      return;
    }
    String password = envPassword;
    boolean generated = password == null || password.isEmpty();
    if (generated) {
      password = Passwords.randomToken(18);
    } else if (password.length() < Passwords.MIN_LENGTH) {
      throw new IllegalArgumentException("DISTILLWATCH_ADMIN_PASSWORD must have at least " + Passwords.MIN_LENGTH + " characters");
    }
    store.createUser("admin", "admin", Passwords.hash(password), "bootstrap");
    if (generated) {
      out.println("console: created user 'admin' with one-time password " + password
          + " (shown once; set DISTILLWATCH_ADMIN_PASSWORD to choose it)");
      out.flush();
    } else {
      out.println("console: created user 'admin' with the password from DISTILLWATCH_ADMIN_PASSWORD");
    }
  }
}
