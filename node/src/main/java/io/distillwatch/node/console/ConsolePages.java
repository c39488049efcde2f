package io.distillwatch.node.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.ConsoleStore.Current;
import io.distillwatch.node.store.StoredChange;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.util.Times;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages, server-rendered (ADR 0080): login, alert queue, account, cluster, sharing,
 * screening, help, users (admin) and API tokens, and the case forms (assign, decide, action, appeal,
 * note), each a POST that redirects back. Handlers check their input and hand over to the store.
 */
final class ConsolePages {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern LINKED_BY = Pattern.compile("linked by ([a-z_]+(?:, [a-z_]+)*)");
  private final ConsoleStore store;
  private final NodeStore history;
  private final ConsoleAuth auth;
  private final LoginThrottle throttle;
  private final Templates templates = new Templates();

  ConsolePages(ConsoleStore store, NodeStore history, ConsoleAuth auth, LoginThrottle throttle) {
    this.store = store;
    this.history = history;
    this.auth = auth;
    this.throttle = throttle;
  }

  void routes(Javalin app) {
    app.get("/", ctx -> ctx.redirect("/queue"));
    app.get("/favicon.ico", ctx -> ctx.status(204));
    app.get("/login", this::loginForm);
    app.post("/login", this::login);
    app.post("/logout", this::logout);
    app.get("/queue", this::queue);
    app.get("/account", this::account);
    app.get("/cluster", this::cluster);
    app.get("/sharing", ctx -> render(ctx, "sharing", new HashMap<>()));
    app.get("/screening", this::screening);
    app.get("/help", ctx -> render(ctx, "help", new HashMap<>()));
    app.get("/tokens", ctx -> render(ctx, "tokens", new HashMap<>()));
    app.post("/tokens", this::createToken);
    app.get("/password", ctx -> render(ctx, "password", new HashMap<>(Map.of("done", false))));
    app.post("/password", this::changePassword);
    app.get("/admin/users", this::users);
    app.post("/admin/users", this::createUser);
    app.post("/admin/users/disable", this::disableUser);
    app.post("/case/assign", ctx -> caseChange(ctx, (kind, id, who) ->
        store.assign(kind, id, optional(ctx, "assignee", 64), who)));
    app.post("/case/decide", ctx -> caseChange(ctx, (kind, id, who) ->
        store.decide(kind, id, required(ctx, "decision", 32), required(ctx, "reason", 2000), who)));
    app.post("/case/action", ctx -> caseChange(ctx, (kind, id, who) ->
        store.recordAction(kind, id, required(ctx, "action", 500), who)));
    app.post("/case/appeal", ctx -> caseChange(ctx, (kind, id, who) ->
        store.recordAppeal(kind, id, required(ctx, "appeal", 4000), who)));
    app.post("/case/note", ctx -> caseChange(ctx, (kind, id, who) ->
        store.addNote(kind, id, required(ctx, "note", 4000), who)));
    app.get("/labels.jsonl", this::labels);
  }

  // ---- login ----

  private void loginForm(Context ctx) {
    // reuse a pending login token: a second tab (or a stray request) must not invalidate the first form
    String pending = ctx.cookie(ConsoleAuth.LOGIN_COOKIE);
    String token = pending != null && pending.matches("[A-Za-z0-9_-]{32}") ? pending : Passwords.randomToken(24);
    auth.setCookie(ctx, ConsoleAuth.LOGIN_COOKIE, token, 600);
    Map<String, Object> m = new HashMap<>();
    m.put("loginCsrf", token);
    m.put("next", safeNext(ctx.queryParam("next")));
    m.put("error", null);
    ctx.html(templates.render("login", m));
  }

  private void login(Context ctx) {
    String cookie = ctx.cookie(ConsoleAuth.LOGIN_COOKIE);
    String submitted = ctx.formParam("_csrf");
    if (cookie == null || submitted == null || !java.security.MessageDigest.isEqual(
        cookie.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))) {
      ConsoleAuth.deny(ctx, 403, "the login form expired: reload it and try again");
      return;
    }
    String username = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String client = ctx.ip();
    long wait = throttle.retryAfterSeconds(username, client);
    if (wait > 0) {
      ctx.header("Retry-After", String.valueOf(wait));
      loginFailed(ctx, 429, "Too many failed attempts. Try again in " + wait + " seconds.");
      return;
    }
    Optional<ConsoleStore.User> user = username.length() > 64 ? Optional.empty() : store.user(username);
    // verify even for unknown users so the answer takes as long either way
    String hash = user.map(ConsoleStore.User::passwordHash).orElse(DUMMY_HASH);
    boolean ok = Passwords.verify(password, hash) && user.isPresent() && !user.get().disabled();
    if (!ok) {
      throttle.failed(username, client);
      store.audit(username.isEmpty() ? "-" : cap(username, 64), "login.failed", null, null, null);
      loginFailed(ctx, 401, "Wrong user name or password.");
      return;
    }
    throttle.succeeded(username);
    Sessions.Session s = auth.sessions().create(user.get().username(), user.get().role());
    auth.setCookie(ctx, ConsoleAuth.SESSION_COOKIE, s.id(), -1);
    auth.setCookie(ctx, ConsoleAuth.LOGIN_COOKIE, "", 0);
    store.audit(s.username(), "login", null, null, null);
    ctx.redirect(safeNext(ctx.formParam("next")));
  }

  private static final String DUMMY_HASH = Passwords.hash(Passwords.randomToken(16));

  private void loginFailed(Context ctx, int status, String message) {
    String token = Passwords.randomToken(24);
    auth.setCookie(ctx, ConsoleAuth.LOGIN_COOKIE, token, 600);
    Map<String, Object> m = new HashMap<>();
    m.put("loginCsrf", token);
    m.put("next", safeNext(ctx.formParam("next")));
    m.put("error", message);
    ctx.status(status).html(templates.render("login", m));
  }

  /** Only a local path: never an absolute or protocol-relative URL (no open redirect). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/login")) {
      return "/queue";
    }
    return next;
  }

  private void logout(Context ctx) {
    Principal p = ConsoleAuth.principal(ctx);
    if (p.session() != null) {
      auth.sessions().end(p.session().id());
    }
    auth.setCookie(ctx, ConsoleAuth.SESSION_COOKIE, "", 0);
    store.audit(p.username(), "logout", null, null, null);
    ctx.redirect("/login");
  }

  // ---- queue ----

  private void queue(Context ctx) {
    ConsoleStore.QueueQuery q = QueueParams.parse(ctx::queryParam);
    ConsoleStore.Page<ConsoleStore.QueueRow> page = store.queue(q);
    Map<String, String> params = QueueParams.asParams(ctx::queryParam);
    Map<String, Object> m = new HashMap<>();
    m.put("q", q);
    m.put("page", page);
    m.put("rows", page.rows().stream().map(ConsolePages::queueRow).toList());
    m.put("params", params);
    m.put("queryString", query(params));
    m.put("prevUrl", q.page() > 0 ? "/queue?" + query(params) + "page=" + (q.page() - 1) : null);
    m.put("nextUrl", q.page() + 1 < page.pages() ? "/queue?" + query(params) + "page=" + (q.page() + 1) : null);
    m.put("sortUrls", sortUrls(params));
    m.put("signals", SIGNAL_CHOICES);
    m.put("fmt", new Formats());
    render(ctx, "queue", m);
  }

  /** A queue row as display strings: the template only reads them (fewer expression calls per row). */
  private static Map<String, String> queueRow(ConsoleStore.QueueRow r) {
    Formats f = new Formats();
    Map<String, String> row = new HashMap<>();
    row.put("id", r.id());
    row.put("kind", r.kind());
    row.put("url", f.url(r.kind(), r.id()));
    row.put("verdict", r.verdict());
    row.put("badge", "badge " + r.verdict());
    row.put("score", f.score(r.score()));
    row.put("at", f.time(r.atMs()));
    row.put("cluster", r.cluster());
    row.put("clusterUrl", r.cluster() == null ? null : f.url("cluster", r.cluster()));
    row.put("signals", String.join(", ", r.topSignals()));
    row.put("caseText", r.decision() != null ? f.decision(r.decision()) : r.assignee() != null ? "assigned to " + r.assignee() : "open");
    return row;
  }

  private static Map<String, String> sortUrls(Map<String, String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String col : List.of("score", "time", "id", "verdict")) {
      Map<String, String> p = new LinkedHashMap<>(params);
      boolean same = col.equals(params.getOrDefault("sort", "score"));
      p.put("sort", col);
      p.put("dir", same && !"asc".equals(params.get("dir")) ? "asc" : "desc");
      out.put(col, "/queue?" + query(p));
    }
    return out;
  }

  static String query(Map<String, String> params) {
    StringBuilder s = new StringBuilder();
    params.forEach((k, v) -> s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
    return s.toString();
  }

  // ---- account and cluster ----

  private void account(Context ctx) {
    String id = required(ctx.queryParam("id"), "id", 512);
    Map<String, Object> m = subject(ctx, "account", id);
    List<String> clusters = store.clustersOf(id);
    List<ConsoleStore.Member> linked = new ArrayList<>();
    for (String c : clusters) {
      store.members(c).stream().filter(x -> !x.account().equals(id)).forEach(linked::add);
    }
    m.put("clusters", clusters);
    m.put("linked", linked);
    m.put("examples", store.examples(id));
    m.put("activity", store.activity(id));
    m.put("screening", store.screening(id).map(ConsolePages::tree).orElse(null));
    render(ctx, "account", m);
  }

  private void cluster(Context ctx) {
    String id = required(ctx.queryParam("id"), "id", 64);
    Map<String, Object> m = subject(ctx, "cluster", id);
    List<ConsoleStore.Member> members = store.members(id);
    m.put("members", members);
    List<ConsoleStore.Activity> activity = store.clusterActivity(id);
    m.put("activity", activity);
    m.put("totalRequests", activity.stream().mapToLong(ConsoleStore.Activity::requests).sum());
    m.put("totalOutputTokens", activity.stream().mapToLong(ConsoleStore.Activity::outputTokens).sum());
    Optional<String[]> details = store.clusterDetails(id);
    m.put("links", details.map(d -> tree(d[0])).orElse(null));
    m.put("template", details.map(d -> d[1]).orElse(null));
    Map<String, List<String>> templateExamples = new LinkedHashMap<>();
    for (ConsoleStore.Member member : members) {
      List<String> ex = store.examples(member.account()).get("structure.template_concentration");
      if (ex != null && templateExamples.size() < 5) {
        templateExamples.put(member.account(), ex.subList(0, Math.min(2, ex.size())));
      }
    }
    m.put("templateExamples", templateExamples);
    render(ctx, "cluster", m);
  }

  /** What the account and cluster pages share: verdict, evidence, history, case, notes, audit. */
  private Map<String, Object> subject(Context ctx, String kind, String id) {
    Optional<Current> current = store.current(kind, id);
    Map<String, Object> m = new HashMap<>();
    m.put("kind", kind);
    m.put("id", id);
    m.put("current", current.orElse(null));
    m.put("evidence", store.evidence(kind, id));
    List<StoredChange> changes;
    synchronized (history) {
      changes = history.history(kind, id);
    }
    m.put("history", changes);
    m.put("caseInfo", store.caseOf(kind, id).orElse(null));
    m.put("notes", store.notes(kind, id));
    m.put("audit", store.audit(kind, id));
    m.put("decisions", ConsoleStore.DECISIONS);
    m.put("users", store.users().stream().filter(u -> !u.disabled()).map(ConsoleStore.User::username).toList());
    m.put("fmt", new Formats());
    if (current.isEmpty()) {
      ctx.status(404);
    }
    return m;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  // ---- screening ----

  private void screening(Context ctx) {
    Map<String, Object> m = new HashMap<>();
    m.put("screened", store.screenedCount());
    m.put("hits", store.screenings(200));
    render(ctx, "screening", m);
  }

  // ---- cases ----

  @FunctionalInterface
  private interface CaseChange {
    void apply(String kind, String id, String actor);
  }

  private void caseChange(Context ctx, CaseChange change) {
    String kind = required(ctx, "kind", 16);
    if (!kind.equals("account") && !kind.equals("cluster")) {
      throw new IllegalArgumentException("kind must be account or cluster");
    }
    String id = required(ctx, "id", 512);
    if (store.current(kind, id).isEmpty()) {
      throw new IllegalArgumentException("no " + kind + " with that id has a verdict on this node");
    }
    change.apply(kind, id, ConsoleAuth.principal(ctx).username());
    ctx.redirect("/" + kind + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#case");
  }

  private void labels(Context ctx) {
    Principal p = ConsoleAuth.principal(ctx);
    String body = LabelsExport.jsonl(store.decisions(), c -> store.members(c).stream().map(ConsoleStore.Member::account).toList());
    store.audit(p.username(), "labels.export", null, null, null);
    ctx.contentType("application/x-ndjson; charset=utf-8").header("Content-Disposition", "attachment; filename=\"labels.jsonl\"").result(body);
  }

  // ---- users and tokens ----

  private void users(Context ctx) {
    Map<String, Object> m = new HashMap<>();
    m.put("users", store.users());
    m.put("message", null);
    render(ctx, "users", m);
  }

  private void createUser(Context ctx) {
    String username = required(ctx, "username", 64);
    if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException("username: letters, digits and . _ @ - only");
    }
    String role = required(ctx, "role", 16);
    if (!role.equals("analyst") && !role.equals("admin")) {
      throw new IllegalArgumentException("role must be analyst or admin");
    }
    String password = required(ctx, "password", 256);
    if (password.length() < Passwords.MIN_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + Passwords.MIN_LENGTH + " characters");
    }
    if (store.user(username).isPresent()) {
      throw new IllegalArgumentException("user " + username + " exists");
    }
    store.createUser(username, role, Passwords.hash(password), ConsoleAuth.principal(ctx).username());
    ctx.redirect("/admin/users");
  }

  private void disableUser(Context ctx) {
    String username = required(ctx, "username", 64);
    if (username.equals(ConsoleAuth.principal(ctx).username())) {
      throw new IllegalArgumentException("you cannot disable yourself");
    }
    store.setDisabled(username, true, ConsoleAuth.principal(ctx).username());
    auth.sessions().endAllOf(username);
    ctx.redirect("/admin/users");
  }

  private void changePassword(Context ctx) {
    Principal p = ConsoleAuth.principal(ctx);
    String current = required(ctx, "current", 256);
    String next = required(ctx, "password", 256);
    ConsoleStore.User user = store.user(p.username()).orElseThrow(() -> new IllegalArgumentException("no such user"));
    if (!Passwords.verify(current, user.passwordHash())) {
      throw new IllegalArgumentException("the current password is wrong");
    }
    if (next.length() < Passwords.MIN_LENGTH) {
      throw new IllegalArgumentException("password must have at least " + Passwords.MIN_LENGTH + " characters");
    }
    store.setPassword(p.username(), Passwords.hash(next), p.username());
    render(ctx, "password", new HashMap<>(Map.of("done", true)));
  }

  private void createToken(Context ctx) {
    Principal p = ConsoleAuth.principal(ctx);
    String label = required(ctx, "label", 128);
    String token = "dwt_" + Passwords.randomToken(32);
    store.addApiToken(Passwords.sha256(token), p.username(), label);
    Map<String, Object> m = new HashMap<>();
    m.put("token", token);
    render(ctx, "tokens", m);
  }

  // ---- helpers ----

  private static final List<String> SIGNAL_CHOICES = signalChoices();

  /** The detector's signal ids and those the stream and sharing add, for the queue's signal filter. */
  private static List<String> signalChoices() {
    List<String> all = new ArrayList<>(io.distillwatch.detect.SignalIds.ALL);
    for (String extra : List.of("cluster.member", "crossref.match")) {
      if (!all.contains(extra)) {
        all.add(extra);
      }
    }
    java.util.Collections.sort(all);
    return all;
  }

  private void render(Context ctx, String template, Map<String, Object> model) {
    Principal p = ConsoleAuth.principal(ctx);
    model.put("me", p);
    model.put("csrf", p.csrf());
    model.put("path", ctx.path());
    ctx.html(templates.render(template, model));
  }

  private static String required(Context ctx, String name, int max) {
    return required(ctx.formParam(name), name, max);
  }

  static String required(String v, String name, int max) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (v.length() > max) {
      throw new IllegalArgumentException(name + " is longer than " + max + " characters");
    }
    return v.trim();
  }

  private static String optional(Context ctx, String name, int max) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? null : required(v, name, max);
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Formatting helpers for the templates. */
  public static final class Formats {
    public String time(long ms) {
      return ms <= 0 ? "" : Times.format(ms);
    }

    public String score(double s) {
      return String.format(java.util.Locale.ROOT, "%.3f", s);
    }

    public String signed(double s) {
      return String.format(java.util.Locale.ROOT, "%+.3f", s);
    }

    public String number(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%,d", (long) v)
          : String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    public String decision(String d) {
      return d == null ? "" : d.replace('_', ' ');
    }

    public String url(String kind, String id) {
      return "/" + kind + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    public String clusterOf(String evidence) {
      if (evidence == null) {
        return null;
      }
      Matcher m = Pattern.compile("member of cluster (c-[0-9a-f]{16})").matcher(evidence);
      return m.find() ? m.group(1) : null;
    }
  }
}
