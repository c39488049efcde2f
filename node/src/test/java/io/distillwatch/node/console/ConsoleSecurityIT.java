package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.node.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's authentication, sessions, CSRF, headers and throttling over real HTTP on loopback. */
class ConsoleSecurityIT {
  private static ConsoleFixture console;

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleFixture.seeded();
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  private ConsoleClient admin() throws Exception {
    return new ConsoleClient(console.port()).loggedIn("admin", ConsoleFixture.ADMIN_PASSWORD);
  }

  @Test
  void onlyHealthReadinessMetricsAndAssetsAreOpen() throws Exception {
    ConsoleClient anonymous = new ConsoleClient(console.port());
    assertThat(anonymous.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(503); // no job behind this server
    assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/assets/console.css").statusCode()).isEqualTo(200);
    for (String api : new String[] {"/api/alerts", "/api/accounts/x", "/api/queue", "/api/labels", "/api/nope"}) {
      HttpResponse<String> r = anonymous.get(api);
      assertThat(r.statusCode()).as(api).isEqualTo(401);
      assertThat(r.body()).contains("authentication required");
    }
    HttpResponse<String> page = anonymous.get("/account?id=x");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("location").orElse("")).startsWith("/login?next=");
    assertThat(anonymous.post("/case/note", Map.of("kind", "account", "id", "x", "note", "n")).statusCode()).isEqualTo(401);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/login", "/healthz", "/api/queue", "/assets/console.css"}) {
      HttpResponse<String> r = new ConsoleClient(console.port()).get(path);
      assertThat(r.headers().firstValue("content-security-policy").orElse(""))
          .as(path).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("x-frame-options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("referrer-policy")).as(path).hasValue("no-referrer");
    }
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureBehindTls() throws Exception {
    ConsoleClient c = new ConsoleClient(console.port());
    HttpResponse<String> r = c.login("admin", ConsoleFixture.ADMIN_PASSWORD);
    String cookie = r.headers().allValues("set-cookie").stream().filter(s -> s.startsWith("dw_session=")).findFirst().orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    HttpResponse<String> form = c.get("/login");
    String token = ConsoleClient.csrfIn(form.body());
    HttpResponse<String> tls = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&username=admin&password=" + ConsoleFixture.ADMIN_PASSWORD.replace(' ', '+'))));
    assertThat(tls.headers().allValues("set-cookie")).anySatisfy(s -> assertThat(s).startsWith("dw_session=").contains("Secure"));
  }

  @Test
  void aStateChangeWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
    ConsoleClient c = admin();
    Map<String, String> note = Map.of("kind", "account", "id", ConsoleFixture.PLAIN, "note", "checked");
    assertThat(c.post("/case/note", note).statusCode()).isEqualTo(403);
    assertThat(c.post("/case/note", Map.of("kind", "account", "id", ConsoleFixture.PLAIN, "note", "x", "_csrf", "forged")).statusCode())
        .isEqualTo(403);
    assertThat(c.postForm("/case/note", note).statusCode()).isEqualTo(302);
    assertThat(console.server.store().notes("account", ConsoleFixture.PLAIN)).extracting(n -> n.body()).contains("checked");
  }

  @Test
  void theLoginFormNeedsItsOwnCsrfCookie() throws Exception {
    ConsoleClient c = new ConsoleClient(console.port());
    assertThat(c.post("/login", Map.of("_csrf", "guess", "username", "admin", "password", ConsoleFixture.ADMIN_PASSWORD)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void repeatedFailedLoginsAreThrottledEvenWithTheRightPasswordAfterwards() throws Exception {
    console.server.store().createUser("victim", "analyst", Passwords.hash("the right password 1"), "test");
    ConsoleClient c = new ConsoleClient(console.port());
    for (int i = 0; i < LoginThrottle.MAX_PER_USER; i++) {
      assertThat(c.login("victim", "wrong " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = c.login("victim", "the right password 1");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
  }

  @Test
  void apiTokensAreStoredHashedAndWorkWithoutASession() throws Exception {
    ConsoleClient c = admin();
    HttpResponse<String> page = c.postForm("/tokens", Map.of("label", "export job"));
    Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(page.body());
    assertThat(m.find()).isTrue();
    String token = m.group(1);
    assertThat(ConsoleClient.withToken(console.port(), "/api/queue", token).statusCode()).isEqualTo(200);
    assertThat(ConsoleClient.withToken(console.port(), "/api/alerts?limit=5", token).statusCode()).isEqualTo(200);
    assertThat(ConsoleClient.withToken(console.port(), "/api/queue", token + "x").statusCode()).isEqualTo(401);
    assertThat(console.server.store().userByTokenHash(Passwords.sha256(token))).isPresent();
    assertThat(console.server.store().userByTokenHash(token)).isEmpty();
  }

  @Test
  void analystsCannotManageUsers() throws Exception {
    ConsoleClient admin = admin();
    assertThat(admin.postForm("/admin/users", Map.of("username", "ana", "role", "analyst", "password", "analyst password 1")).statusCode())
        .isEqualTo(302);
    ConsoleClient ana = new ConsoleClient(console.port()).loggedIn("ana", "analyst password 1");
    assertThat(ana.get("/admin/users").statusCode()).isEqualTo(403);
    assertThat(ana.postForm("/admin/users", Map.of("username", "eve", "role", "admin", "password", "eve password 12")).statusCode())
        .isEqualTo(403);
    assertThat(console.server.store().user("eve")).isEmpty();
  }

  @Test
  void aUserChangesTheirPasswordWithTheCurrentOne() throws Exception {
    console.server.store().createUser("cy", "analyst", Passwords.hash("first password 12"), "test");
    ConsoleClient c = new ConsoleClient(console.port()).loggedIn("cy", "first password 12");
    assertThat(c.postForm("/password", Map.of("current", "wrong", "password", "second password 12")).statusCode()).isEqualTo(400);
    assertThat(c.postForm("/password", Map.of("current", "first password 12", "password", "short")).statusCode()).isEqualTo(400);
    assertThat(c.postForm("/password", Map.of("current", "first password 12", "password", "second password 12")).statusCode()).isEqualTo(200);
    assertThat(new ConsoleClient(console.port()).login("cy", "second password 12").statusCode()).isEqualTo(302);
  }

  @Test
  void loggingOutEndsTheSession() throws Exception {
    ConsoleClient c = admin();
    assertThat(c.get("/queue").statusCode()).isEqualTo(200);
    String before = c.csrf();
    assertThat(c.postForm("/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(c.get("/queue").statusCode()).isEqualTo(302);
    assertThat(before).isNotEmpty();
  }

  @Test
  void badQueueParametersAre400WithAMessage() throws Exception {
    ConsoleClient c = admin();
    for (String q : new String[] {"verdict=nope", "size=5", "page=-1", "from=yesterday", "sort=drop+table"}) {
      HttpResponse<String> r = c.get("/api/queue?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(r.body()).as(q).contains("error");
    }
    assertThat(c.get("/queue?verdict=nope").statusCode()).isEqualTo(400);
  }

  @Test
  void theFirstAdminsPasswordIsRandomAndPrintedOnceWithoutTheEnvironmentVariable() throws Exception {
    StoreConfig store = ConsoleFixture.freshH2();
    String printed;
    try (ConsoleFixture f = ConsoleFixture.start(store, ConsoleSettings.defaults(), null)) {
      printed = f.bootstrapOutput;
    }
    Matcher m = Pattern.compile("one-time password (\\S+)").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    try (ConsoleFixture again = ConsoleFixture.start(store, ConsoleSettings.defaults(), null)) {
      assertThat(again.bootstrapOutput).isEmpty();
      assertThat(new ConsoleClient(again.port()).login("admin", m.group(1)).statusCode()).isEqualTo(302);
    }
  }

  @Test
  void withAuthNoneABrowserIsTheLocalAdminButStillNeedsCsrf() throws Exception {
    ConsoleSettings none = new ConsoleSettings(false, "auto", Duration.ofMinutes(30), Duration.ofHours(12));
    try (ConsoleFixture f = ConsoleFixture.start(ConsoleFixture.freshH2(), none, ConsoleFixture.ADMIN_PASSWORD)) {
      f.seed();
      ConsoleClient c = new ConsoleClient(f.port());
      HttpResponse<String> q = c.get("/queue");
      assertThat(q.statusCode()).isEqualTo(200);
      assertThat(c.post("/case/note", Map.of("kind", "account", "id", ConsoleFixture.PLAIN, "note", "n")).statusCode()).isEqualTo(403);
      String token = ConsoleClient.csrfIn(q.body());
      assertThat(c.post("/case/note", Map.of("kind", "account", "id", ConsoleFixture.PLAIN, "note", "n", "_csrf", token)).statusCode())
          .isEqualTo(302);
    }
  }
}
