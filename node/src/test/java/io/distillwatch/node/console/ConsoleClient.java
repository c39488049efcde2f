package io.distillwatch.node.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for the console's tests: keeps cookies, finds CSRF tokens in forms. */
public final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  public ConsoleClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Logs in; returns the answer to the login POST (303/302 on success). */
  public HttpResponse<String> login(String user, String password) throws Exception {
    HttpResponse<String> form = get("/login");
    String token = csrfIn(form.body());
    return post("/login", Map.of("_csrf", token, "username", user, "password", password, "next", "/queue"));
  }

  /** Logs in and reads the session's CSRF token from the queue page; fails if the login fails. */
  public ConsoleClient loggedIn(String user, String password) throws Exception {
    HttpResponse<String> r = login(user, password);
    if (r.statusCode() / 100 != 3) {
      throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    }
    csrf = csrfIn(get("/queue").body());
    return this;
  }

  public String csrf() {
    return csrf;
  }

  static String csrfIn(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token in the page");
    }
    return m.group(1);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** A form POST with the session's CSRF token added. */
  public HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
    Map<String, String> f = new LinkedHashMap<>(form);
    f.put("_csrf", csrf);
    return post(path, f);
  }

  public HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    if (!cookies.isEmpty()) {
      StringBuilder c = new StringBuilder();
      cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", c.toString());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (String set : r.headers().allValues("set-cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String value = pair.substring(eq + 1);
      if (value.isEmpty()) {
        cookies.remove(pair.substring(0, eq));
      } else {
        cookies.put(pair.substring(0, eq), value);
      }
    }
    return r;
  }

  /** A request with an API token and no cookie. */
  public static HttpResponse<String> withToken(int port, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
