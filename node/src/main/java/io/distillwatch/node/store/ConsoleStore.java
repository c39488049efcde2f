package io.distillwatch.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the analyst console reads and writes, over a small connection pool (safe for concurrent
 * requests): users and API tokens, the alert queue, an account's or cluster's record, cases with their
 * audit trail, and the activity, example prompts and cluster membership written beside the verdicts.
 * All SQL is parameterised and portable between H2 and PostgreSQL (upserts are update-then-insert).
 * Every change to a case writes its audit row in the same transaction.
 */
public final class ConsoleStore implements AutoCloseable {
  /** Decisions an analyst can record; the first two become labels (DESIGN §7). */
  public static final List<String> DECISIONS = List.of("confirmed_distillation", "false_positive", "needs_more_data");

  private final ConnectionPool pool;

  private ConsoleStore(ConnectionPool pool) {
    this.pool = pool;
  }

  /** Connects to a migrated store ({@link NodeStore#migrate}) with {@code connections} connections. */
  public static ConsoleStore connect(StoreConfig config, int connections) {
    return new ConsoleStore(new ConnectionPool(config, connections));
  }

  // ---- users and tokens ----

  public record User(String username, String role, String passwordHash, boolean disabled) {
    public boolean isAdmin() {
      return "admin".equals(role);
    }
  }

  public long userCount() {
    return pool.inTransaction(c -> longValue(c, "SELECT COUNT(*) FROM console_users"));
  }

  public void createUser(String username, String role, String passwordHash, String actor) {
    pool.inTransaction(c -> {
      update(c, "INSERT INTO console_users (username, role, password_hash, created_ms, disabled) VALUES (?, ?, ?, ?, FALSE)",
          username, role, passwordHash, System.currentTimeMillis());
      audit(c, actor, "user.create", "user", username, "role=" + role);
      return null;
    });
  }

  public void setPassword(String username, String passwordHash, String actor) {
    pool.inTransaction(c -> {
      update(c, "UPDATE console_users SET password_hash = ? WHERE username = ?", passwordHash, username);
      audit(c, actor, "user.password", "user", username, null);
      return null;
    });
  }

  public void setDisabled(String username, boolean disabled, String actor) {
    pool.inTransaction(c -> {
      update(c, "UPDATE console_users SET disabled = ? WHERE username = ?", disabled, username);
      update(c, "DELETE FROM console_api_tokens WHERE username = ?", username);
      audit(c, actor, disabled ? "user.disable" : "user.enable", "user", username, null);
      return null;
    });
  }

  public Optional<User> user(String username) {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c,
          "SELECT username, role, password_hash, disabled FROM console_users WHERE username = ?", username);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
      }
    });
  }

  public List<User> users() {
    return pool.inTransaction(c -> {
      List<User> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT username, role, password_hash, disabled FROM console_users ORDER BY username");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(user(rs));
        }
      }
      return out;
    });
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
  }

  public void addApiToken(String tokenHash, String username, String label) {
    pool.inTransaction(c -> {
      update(c, "INSERT INTO console_api_tokens (token_hash, username, label, created_ms) VALUES (?, ?, ?, ?)",
          tokenHash, username, label, System.currentTimeMillis());
      audit(c, username, "token.create", "user", username, "label=" + label);
      return null;
    });
  }

  /** The enabled user owning the token with this SHA-256, if any. */
  public Optional<User> userByTokenHash(String tokenHash) {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c,
          "SELECT u.username, u.role, u.password_hash, u.disabled FROM console_api_tokens t "
              + "JOIN console_users u ON u.username = t.username WHERE t.token_hash = ? AND u.disabled = FALSE", tokenHash);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
      }
    });
  }

  // ---- what the node writes beside verdicts ----

  /** One account's counts in one event-time hour (a replay writes the same totals again). */
  public record Activity(String account, long hourMs, long requests, long inputTokens, long outputTokens, int models, String modelNames) {}

  public void putActivity(List<Activity> rows) {
    pool.inTransaction(c -> {
      for (Activity a : rows) {
        upsertActivity(c, a);
      }
      return null;
    });
  }

  private static void upsertActivity(Connection c, Activity a) throws SQLException {
    int n = update(c, "UPDATE account_activity SET requests = ?, input_tokens = ?, output_tokens = ?, models = ?, model_names = ? "
        + "WHERE account = ? AND hour_ms = ?", a.requests, a.inputTokens, a.outputTokens, a.models, a.modelNames, a.account, a.hourMs);
    if (n == 0) {
      update(c, "INSERT INTO account_activity (account, hour_ms, requests, input_tokens, output_tokens, models, model_names) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)", a.account, a.hourMs, a.requests, a.inputTokens, a.outputTokens, a.models, a.modelNames);
    }
  }

  private static void upsertExample(Connection c, Example e) throws SQLException {
    int n = update(c, "UPDATE example_prompts SET prompt = ?, at_ms = ? WHERE account = ? AND signal_id = ? AND slot = ?",
        e.prompt, e.atMs, e.account, e.signal, e.slot);
    if (n == 0) {
      update(c, "INSERT INTO example_prompts (account, signal_id, slot, prompt, at_ms) VALUES (?, ?, ?, ?, ?)",
          e.account, e.signal, e.slot, e.prompt, e.atMs);
    }
  }

  /** Writes one row of the node's console feed on the writer's connection (no commit). */
  static void write(Connection c, io.distillwatch.node.console.ConsoleRow r) throws SQLException {
    if (r.example) {
      upsertExample(c, new Example(r.account, r.signal, r.slot, r.prompt, r.atMs));
    } else {
      upsertActivity(c, new Activity(r.account, r.hourMs, r.requests, r.inputTokens, r.outputTokens, r.models, r.modelNames));
    }
  }

  public List<Activity> activity(String account) {
    return pool.inTransaction(c -> {
      List<Activity> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT account, hour_ms, requests, input_tokens, output_tokens, models, model_names "
          + "FROM account_activity WHERE account = ? ORDER BY hour_ms", account);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Activity(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getString(7)));
        }
      }
      return out;
    });
  }

  /** An example prompt in one of the (at most 5) slots of an account's signal; already redacted and cut. */
  public record Example(String account, String signal, int slot, String prompt, long atMs) {}

  public void putExamples(List<Example> rows) {
    pool.inTransaction(c -> {
      for (Example e : rows) {
        upsertExample(c, e);
      }
      return null;
    });
  }

  /** Example prompts by signal id. */
  public Map<String, List<String>> examples(String account) {
    return pool.inTransaction(c -> {
      Map<String, List<String>> out = new LinkedHashMap<>();
      try (PreparedStatement ps = prepare(c, "SELECT signal_id, prompt FROM example_prompts WHERE account = ? ORDER BY signal_id, slot", account);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      return out;
    });
  }

  public void addMembers(String cluster, List<String> accounts) {
    pool.inTransaction(c -> {
      for (String a : accounts) {
        addMember(c, cluster, a);
      }
      return null;
    });
  }

  static void addMember(Connection c, String cluster, String account) throws SQLException {
    update(c, "INSERT INTO cluster_members (cluster, account) SELECT ?, ? WHERE NOT EXISTS "
        + "(SELECT 1 FROM cluster_members WHERE cluster = ? AND account = ?)", cluster, account, cluster, account);
  }

  public void putClusterDetails(String cluster, String linksJson, String template) {
    pool.inTransaction(c -> {
      if (update(c, "UPDATE cluster_details SET links = ?, template = ? WHERE cluster = ?", linksJson, template, cluster) == 0) {
        update(c, "INSERT INTO cluster_details (cluster, links, template) VALUES (?, ?, ?)", cluster, linksJson, template);
      }
      return null;
    });
  }

  public void putScreening(String account, String outcome, String screeningJson) {
    pool.inTransaction(c -> {
      if (update(c, "UPDATE account_screening SET outcome = ?, screening = ? WHERE account = ?", outcome, screeningJson, account) == 0) {
        update(c, "INSERT INTO account_screening (account, outcome, screening) VALUES (?, ?, ?)", account, outcome, screeningJson);
      }
      return null;
    });
  }

  /** Deletes activity and example prompts older than the given times (retention); returns rows deleted. */
  public long purge(long activityBeforeMs, long examplesBeforeMs) {
    return pool.inTransaction(c ->
        (long) update(c, "DELETE FROM account_activity WHERE hour_ms < ?", activityBeforeMs)
            + update(c, "DELETE FROM example_prompts WHERE at_ms < ?", examplesBeforeMs));
  }

  // ---- the alert queue ----

  /** Filters and order of the alert queue; null filters are off. Times in epoch ms, [from, to). */
  public record QueueQuery(
      String verdict, String kind, String cluster, String signal, Long fromMs, Long toMs, String sort, boolean ascending,
      int page, int pageSize) {}

  public record QueueRow(String kind, String id, String verdict, double score, long atMs, String cluster,
      String decision, String assignee, List<String> topSignals) {}

  /**
   * One page of a query. {@code total} is exact up to {@value #COUNT_CAP}; beyond that it is
   * {@code COUNT_CAP + 1} and {@link #totalText} says "more than" (counting every match of a broad
   * filter on every request cost more than the page itself).
   */
  public record Page<T>(List<T> rows, long total, int page, int pageSize) {
    public boolean totalCapped() {
      return total > COUNT_CAP;
    }

    public String totalText() {
      return totalCapped() ? "more than " + String.format(java.util.Locale.ROOT, "%,d", COUNT_CAP) : String.format(java.util.Locale.ROOT, "%,d", total);
    }

    /** Pages, counting one more page when the total is capped and this page is full. */
    public long pages() {
      long counted = Math.max(1, (Math.min(total, COUNT_CAP) + pageSize - 1) / pageSize);
      return totalCapped() ? Math.max(counted, page + (rows.size() == pageSize ? 2L : 1L)) : counted;
    }
  }

  /** The queue counts its matches up to this many. */
  public static final int COUNT_CAP = 10_000;

  private static final Map<String, String> SORTS = Map.of("score", "v.score", "time", "v.at_ms", "id", "v.id", "verdict", "v.verdict");

  public Page<QueueRow> queue(QueueQuery q) {
    String sortColumn = SORTS.get(q.sort == null ? "score" : q.sort);
    if (sortColumn == null) {
      throw new IllegalArgumentException("sort must be one of " + SORTS.keySet());
    }
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" FROM verdicts v WHERE v.verdict IN ('suspicious', 'distillation')");
    if (q.verdict != null) {
      where.append(" AND v.verdict = ?");
      args.add(q.verdict);
    }
    if (q.kind != null) {
      where.append(" AND v.kind = ?");
      args.add(q.kind);
    }
    if (q.cluster != null) {
      // (kind, id) IN (...) rather than an OR of the two cases, so the database can use the keys
      where.append(" AND (v.kind, v.id) IN (SELECT 'account', m.account FROM cluster_members m WHERE m.cluster = ? "
          + "UNION ALL SELECT 'cluster', CAST(? AS VARCHAR(512)))");
      args.add(q.cluster);
      args.add(q.cluster);
    }
    if (q.signal != null) {
      where.append(" AND EXISTS (SELECT 1 FROM evidence e WHERE e.signal_id = ? AND e.kind = v.kind AND e.id = v.id)");
      args.add(q.signal);
    }
    if (q.fromMs != null) {
      where.append(" AND v.at_ms >= ?");
      args.add(q.fromMs);
    }
    if (q.toMs != null) {
      where.append(" AND v.at_ms < ?");
      args.add(q.toMs);
    }
    String dir = q.ascending ? " ASC" : " DESC";
    // ties broken in the same direction, so an index on (column, kind, id) yields the order as it is
    String sql = "SELECT v.kind, v.id, v.verdict, v.score, v.at_ms" + where
        + " ORDER BY " + sortColumn + dir + ", v.kind" + dir + ", v.id" + dir + " LIMIT ? OFFSET ?";
    return pool.inTransaction(c -> {
      long total;
      List<Object> countArgs = new ArrayList<>(args);
      countArgs.add(COUNT_CAP + 1);
      try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM (SELECT 1" + where + " LIMIT ?) capped", countArgs.toArray());
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      List<Object> pageArgs = new ArrayList<>(args);
      pageArgs.add(q.pageSize);
      pageArgs.add((long) q.page * q.pageSize);
      List<QueueRow> rows = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, sql, pageArgs.toArray()); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new QueueRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getLong(5),
              null, null, null, new ArrayList<>()));
        }
      }
      return new Page<>(details(c, rows), total, q.page, q.pageSize);
    });
  }

  /**
   * The page's rows with cluster, case and top signals, read for these rows only (three small keyed
   * queries; joined into the page query they were computed for every match before the limit).
   */
  private static List<QueueRow> details(Connection c, List<QueueRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return rows;
    }
    StringBuilder in = new StringBuilder();
    List<Object> ids = new ArrayList<>();
    for (QueueRow r : rows) {
      in.append(in.length() == 0 ? "?" : ", ?");
      ids.add(r.id);
    }
    Map<String, String> cluster = new java.util.HashMap<>();
    try (PreparedStatement ps = prepare(c, "SELECT account, MIN(cluster) FROM cluster_members WHERE account IN (" + in + ") GROUP BY account",
        ids.toArray()); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        cluster.put(rs.getString(1), rs.getString(2));
      }
    }
    Map<String, String[]> cases = new java.util.HashMap<>();
    try (PreparedStatement ps = prepare(c, "SELECT kind, id, decision, assignee FROM cases WHERE id IN (" + in + ")", ids.toArray());
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        cases.put(rs.getString(1) + "\n" + rs.getString(2), new String[] {rs.getString(3), rs.getString(4)});
      }
    }
    List<QueueRow> out = new ArrayList<>();
    for (QueueRow r : rows) {
      String[] cs = cases.getOrDefault(r.kind + "\n" + r.id, new String[2]);
      out.add(new QueueRow(r.kind, r.id, r.verdict, r.score, r.atMs, r.kind.equals("account") ? cluster.get(r.id) : null,
          cs[0], cs[1], r.topSignals));
    }
    topSignals(c, out);
    return out;
  }

  /** Fills each row's three signals with the largest positive contribution, in one query. */
  private static void topSignals(Connection c, List<QueueRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder in = new StringBuilder();
    List<Object> args = new ArrayList<>();
    for (QueueRow r : rows) {
      in.append(in.length() == 0 ? "?" : ", ?");
      args.add(r.id);
    }
    Map<String, QueueRow> byKey = new LinkedHashMap<>();
    rows.forEach(r -> byKey.put(r.kind + "\n" + r.id, r));
    try (PreparedStatement ps = prepare(c, "SELECT kind, id, signal_id FROM evidence WHERE id IN (" + in
        + ") AND contribution > 0 ORDER BY contribution DESC, signal_id", args.toArray()); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        QueueRow r = byKey.get(rs.getString(1) + "\n" + rs.getString(2));
        if (r != null && r.topSignals.size() < 3) {
          r.topSignals.add(rs.getString(3));
        }
      }
    }
  }

  /** The newest alert time and the number of alerted ids: the queue polls this to see new alerts. */
  public record QueueState(long newestMs, long alerts) {}

  public QueueState queueState() {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c, "SELECT COALESCE(MAX(at_ms), 0), COUNT(*) FROM verdicts WHERE verdict IN ('suspicious', 'distillation')");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new QueueState(rs.getLong(1), rs.getLong(2));
      }
    });
  }

  // ---- one account or cluster ----

  public record Current(String kind, String id, String verdict, double score, long atMs) {}

  public record EvidenceRow(String signal, double value, double contribution, String evidence) {}

  public record Member(String account, String verdict, double score) {}

  public record Case(String assignee, String decision, String actionTaken, String appeal, long updatedMs, String updatedBy) {}

  public record Note(String author, long atMs, String body) {}

  public record AuditRow(long atMs, String actor, String action, String targetKind, String targetId, String detail) {}

  public record Decision(String kind, String id, String decision, String reason, String by, long decidedMs) {}

  public Optional<Current> current(String kind, String id) {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c, "SELECT kind, id, verdict, score, at_ms FROM verdicts WHERE kind = ? AND id = ?", kind, id);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Current(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getLong(5)))
            : Optional.<Current>empty();
      }
    });
  }

  /** The signals behind the current verdict, largest contribution first. */
  public List<EvidenceRow> evidence(String kind, String id) {
    return pool.inTransaction(c -> {
      List<EvidenceRow> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT signal_id, signal_value, contribution, evidence FROM evidence "
          + "WHERE kind = ? AND id = ? ORDER BY contribution DESC, signal_id", kind, id);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new EvidenceRow(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)));
        }
      }
      return out;
    });
  }

  public List<String> clustersOf(String account) {
    return strings("SELECT cluster FROM cluster_members WHERE account = ? ORDER BY cluster", account);
  }

  /** A cluster's members with their current verdicts (benign when they never changed verdict). */
  public List<Member> members(String cluster) {
    return pool.inTransaction(c -> {
      List<Member> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT m.account, COALESCE(v.verdict, 'benign'), COALESCE(v.score, 0) FROM cluster_members m "
          + "LEFT JOIN verdicts v ON v.kind = 'account' AND v.id = m.account WHERE m.cluster = ? ORDER BY 3 DESC, m.account", cluster);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Member(rs.getString(1), rs.getString(2), rs.getDouble(3)));
        }
      }
      return out;
    });
  }

  /** The cluster's links JSON and template fingerprint: [links, template], or empty. */
  public Optional<String[]> clusterDetails(String cluster) {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c, "SELECT links, template FROM cluster_details WHERE cluster = ?", cluster);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.<String[]>empty();
      }
    });
  }

  /** Combined activity of the cluster's members per hour. */
  public List<Activity> clusterActivity(String cluster) {
    return pool.inTransaction(c -> {
      List<Activity> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT a.hour_ms, SUM(a.requests), SUM(a.input_tokens), SUM(a.output_tokens), MAX(a.models) "
          + "FROM account_activity a JOIN cluster_members m ON m.account = a.account WHERE m.cluster = ? GROUP BY a.hour_ms ORDER BY a.hour_ms", cluster);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Activity(cluster, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5), null));
        }
      }
      return out;
    });
  }

  /** The screening object's JSON, if the account was screened. */
  public Optional<String> screening(String account) {
    List<String> s = strings("SELECT screening FROM account_screening WHERE account = ?", account);
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
  }

  public long screenedCount() {
    return pool.inTransaction(c -> longValue(c, "SELECT COUNT(*) FROM account_screening"));
  }

  public List<String[]> screenings(int limit) {
    return pool.inTransaction(c -> {
      List<String[]> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT account, outcome FROM account_screening WHERE outcome <> 'no_match' ORDER BY outcome, account LIMIT ?", limit);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      return out;
    });
  }

  public Optional<Case> caseOf(String kind, String id) {
    return pool.inTransaction(c -> {
      try (PreparedStatement ps = prepare(c, "SELECT assignee, decision, action_taken, appeal, updated_ms, updated_by FROM cases WHERE kind = ? AND id = ?", kind, id);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)))
            : Optional.<Case>empty();
      }
    });
  }

  public List<Note> notes(String kind, String id) {
    return pool.inTransaction(c -> {
      List<Note> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT author, at_ms, body FROM case_notes WHERE kind = ? AND id = ? ORDER BY note_id", kind, id);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Note(rs.getString(1), rs.getLong(2), rs.getString(3)));
        }
      }
      return out;
    });
  }

  public List<AuditRow> audit(String kind, String id) {
    return pool.inTransaction(c -> {
      List<AuditRow> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT at_ms, actor, action, target_kind, target_id, detail FROM console_audit "
          + "WHERE target_kind = ? AND target_id = ? ORDER BY audit_id", kind, id);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return out;
    });
  }

  /** The whole audit trail, oldest first. */
  public List<AuditRow> auditTrail(int limit) {
    return pool.inTransaction(c -> {
      List<AuditRow> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT at_ms, actor, action, target_kind, target_id, detail FROM console_audit ORDER BY audit_id DESC LIMIT ?", limit);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return out;
    });
  }

  // ---- case changes (each audited in its transaction) ----

  public void assign(String kind, String id, String assignee, String actor) {
    changeCase(kind, id, actor, "case.assign", "assignee", assignee, assignee == null ? "unassigned" : "to " + assignee);
  }

  public void recordAction(String kind, String id, String action, String actor) {
    changeCase(kind, id, actor, "case.action", "action_taken", action, action);
  }

  public void recordAppeal(String kind, String id, String appeal, String actor) {
    changeCase(kind, id, actor, "case.appeal", "appeal", appeal, appeal);
  }

  /** Records a decision (one of {@link #DECISIONS}) with its reason. */
  public void decide(String kind, String id, String decision, String reason, String actor) {
    if (!DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("decision must be one of " + DECISIONS);
    }
    pool.inTransaction(c -> {
      upsertCase(c, kind, id, "decision", decision, actor);
      update(c, "INSERT INTO case_decisions (kind, id, decision, reason, decided_by, decided_ms) VALUES (?, ?, ?, ?, ?, ?)",
          kind, id, decision, reason, actor, System.currentTimeMillis());
      audit(c, actor, "case.decide", kind, id, decision + ": " + reason);
      return null;
    });
  }

  public void addNote(String kind, String id, String body, String actor) {
    pool.inTransaction(c -> {
      update(c, "INSERT INTO case_notes (kind, id, author, at_ms, body) VALUES (?, ?, ?, ?, ?)", kind, id, actor, System.currentTimeMillis(), body);
      audit(c, actor, "case.note", kind, id, body);
      return null;
    });
  }

  private void changeCase(String kind, String id, String actor, String action, String column, String value, String detail) {
    pool.inTransaction(c -> {
      upsertCase(c, kind, id, column, value, actor);
      audit(c, actor, action, kind, id, detail);
      return null;
    });
  }

  /** {@code column} is one of this class's constants, never caller input. */
  private static void upsertCase(Connection c, String kind, String id, String column, String value, String actor) throws SQLException {
    long now = System.currentTimeMillis();
    if (update(c, "UPDATE cases SET " + column + " = ?, updated_ms = ?, updated_by = ? WHERE kind = ? AND id = ?", value, now, actor, kind, id) == 0) {
      update(c, "INSERT INTO cases (kind, id, " + column + ", updated_ms, updated_by) VALUES (?, ?, ?, ?, ?)", kind, id, value, now, actor);
    }
  }

  /** Every decision, oldest first. */
  public List<Decision> decisions() {
    return pool.inTransaction(c -> {
      List<Decision> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT kind, id, decision, reason, decided_by, decided_ms FROM case_decisions ORDER BY decision_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)));
        }
      }
      return out;
    });
  }

  /** Appends an audit row for an action that is not a case change (login, export, ...). */
  public void audit(String actor, String action, String targetKind, String targetId, String detail) {
    pool.inTransaction(c -> {
      audit(c, actor, action, targetKind, targetId, detail);
      return null;
    });
  }

  private static void audit(Connection c, String actor, String action, String targetKind, String targetId, String detail) throws SQLException {
    update(c, "INSERT INTO console_audit (at_ms, actor, action, target_kind, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        System.currentTimeMillis(), actor, action, targetKind, targetId, detail);
  }

  public boolean ping() {
    try {
      return pool.inTransaction(c -> c.isValid(2));
    } catch (StoreException e) {
      return false;
    }
  }

  // ---- helpers ----

  private List<String> strings(String sql, Object... args) {
    return pool.inTransaction(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private static long longValue(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else if (a instanceof String s) {
        ps.setString(i + 1, s);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + a.getClass());
      }
    }
    return ps;
  }

  @Override
  public void close() {
    pool.close();
  }
}
