package io.distillwatch.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.VerdictChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * The node's store over one JDBC connection: H2 or PostgreSQL, one schema ({@code db/node}
 * migrations, history table {@code node_schema_history} so it can share a database with the hub).
 * All SQL is parameterised and portable (no vendor upsert). Every write is idempotent: a verdict change
 * is keyed by (kind, id, seq), the current verdict only moves to a higher seq, rejections and late
 * events are keyed by a hash of their content. Not thread-safe: one instance per writer thread.
 */
public final class NodeStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Connection connection;
  private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();

  private NodeStore(Connection connection) {
    this.connection = connection;
  }

  /** Creates or upgrades the schema. Call once before the job starts. */
  public static void migrate(StoreConfig config) {
    try {
      Flyway.configure()
          .dataSource(config.url(), config.user(), config.password())
          .locations("classpath:db/node")
          .table("node_schema_history")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate the store at " + redactUrl(config.url()) + ": " + e.getMessage(), e);
    }
  }

  /** A connection to a migrated store. */
  public static NodeStore connect(StoreConfig config) {
    try {
      Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
      c.setAutoCommit(false);
      return new NodeStore(c);
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the store at " + redactUrl(config.url()) + ": " + e.getMessage(), e);
    }
  }

  /** Migrates, then connects. */
  public static NodeStore open(StoreConfig config) {
    migrate(config);
    return connect(config);
  }

  private static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  /** Records a change, and makes it the current verdict and evidence if it is the newest. */
  public void recordChange(VerdictChange c) {
    try {
      change(c);
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new StoreException("cannot record verdict change " + c.kind + "/" + c.seq + ": " + e.getMessage(), e);
    }
  }

  private void change(VerdictChange c) throws SQLException {
    insertIfAbsent(
        "INSERT INTO verdict_changes (kind, id, seq, from_verdict, to_verdict, score, at_ms, signals, recorded_ms) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
            + "(SELECT 1 FROM verdict_changes WHERE kind = ? AND id = ? AND seq = ?)",
        ps -> {
          ps.setString(1, c.kind);
          ps.setString(2, c.id);
          ps.setLong(3, c.seq);
          ps.setString(4, c.from);
          ps.setString(5, c.to);
          ps.setDouble(6, c.score);
          ps.setLong(7, c.at);
          ps.setString(8, c.signals == null ? "[]" : c.signals);
          ps.setLong(9, System.currentTimeMillis());
          ps.setString(10, c.kind);
          ps.setString(11, c.id);
          ps.setLong(12, c.seq);
        });
    if (becomesCurrent(c)) {
      replaceEvidence(c);
    }
    if (VerdictChange.ACCOUNT.equals(c.kind) && c.signals != null && c.signals.contains(MEMBER_SIGNAL)) {
      java.util.regex.Matcher m = MEMBER_OF.matcher(c.signals);
      if (m.find()) {
        ConsoleStore.addMember(connection, m.group(1), c.id);
      }
    }
  }

  private static final String MEMBER_SIGNAL = "\"cluster.member\"";
  /** How the cluster stage's {@code cluster.member} evidence names the cluster (StreamClusterDetectionFunction). */
  private static final java.util.regex.Pattern MEMBER_OF = java.util.regex.Pattern.compile("member of cluster (c-[0-9a-f]{16})");

  /**
   * Writes {@code values} in one transaction, each as its single-record method would (changes,
   * rejections or late events): one commit instead of one per record. If the transaction fails, it is
   * rolled back and every record is written again in a transaction of its own, so a failure concerns
   * the one record that causes it, as with single writes.
   */
  public <T> void recordAll(List<T> values, Kind<T> kind) {
    if (values.isEmpty()) {
      return;
    }
    try {
      for (T v : values) {
        kind.write(this, v);
      }
      connection.commit();
    } catch (SQLException | StoreException e) {
      rollback();
      for (T v : values) {
        try {
          kind.write(this, v);
          connection.commit();
        } catch (SQLException ex) {
          rollback();
          throw new StoreException("cannot write to the store: " + ex.getMessage(), ex);
        }
      }
    }
  }

  /** How {@link #recordAll} writes one record, without committing. */
  @FunctionalInterface
  public interface Kind<T> extends java.io.Serializable {
    void write(NodeStore store, T value) throws SQLException;

    Kind<VerdictChange> CHANGES = NodeStore::change;
    Kind<Rejection> REJECTIONS = NodeStore::rejection;
    Kind<UsageEvent> LATE_EVENTS = NodeStore::late;
    Kind<io.distillwatch.node.console.ConsoleRow> CONSOLE_ROWS = (store, r) -> ConsoleStore.write(store.connection, r);
  }

  private boolean becomesCurrent(VerdictChange c) throws SQLException {
    {
      PreparedStatement ps =
          statement("UPDATE verdicts SET verdict = ?, score = ?, seq = ?, at_ms = ? WHERE kind = ? AND id = ? AND seq < ?");
      ps.setString(1, c.to);
      ps.setDouble(2, c.score);
      ps.setLong(3, c.seq);
      ps.setLong(4, c.at);
      ps.setString(5, c.kind);
      ps.setString(6, c.id);
      ps.setLong(7, c.seq);
      if (ps.executeUpdate() > 0) {
        return true;
      }
    }
    return insertIfAbsent(
        "INSERT INTO verdicts (kind, id, verdict, score, seq, at_ms) SELECT ?, ?, ?, ?, ?, ? "
            + "WHERE NOT EXISTS (SELECT 1 FROM verdicts WHERE kind = ? AND id = ?)",
        ps -> {
          ps.setString(1, c.kind);
          ps.setString(2, c.id);
          ps.setString(3, c.to);
          ps.setDouble(4, c.score);
          ps.setLong(5, c.seq);
          ps.setLong(6, c.at);
          ps.setString(7, c.kind);
          ps.setString(8, c.id);
        });
  }

  private void replaceEvidence(VerdictChange c) throws SQLException {
    {
      PreparedStatement del = statement("DELETE FROM evidence WHERE kind = ? AND id = ?");
      del.setString(1, c.kind);
      del.setString(2, c.id);
      del.executeUpdate();
    }
    JsonNode signals;
    try {
      signals = JSON.readTree(c.signals == null ? "[]" : c.signals);
    } catch (java.io.IOException e) {
      throw new SQLException("signals are not a JSON array", e);
    }
    if (signals.isObject()) {
      // a screening change carries the screening object (DESIGN §4): one row of evidence, its reason
      signals = JSON.createArrayNode().add(JSON.createObjectNode().put("id", c.kind)
          .put("value", c.score).put("contribution", 0).put("evidence", signals.path("reason").asText(null)));
    }
    {
      PreparedStatement ins =
          statement(
              "INSERT INTO evidence (kind, id, signal_id, seq, signal_value, contribution, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)");
      ins.clearBatch(); // a reused statement: nothing left from a failed write
      for (JsonNode s : signals) {
        ins.setString(1, c.kind);
        ins.setString(2, c.id);
        ins.setString(3, s.path("id").asText());
        ins.setLong(4, c.seq);
        ins.setDouble(5, s.path("value").asDouble());
        ins.setDouble(6, s.path("contribution").asDouble());
        ins.setString(7, s.path("evidence").isNull() ? null : s.path("evidence").asText());
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  /** Records a rejected input record (once, however often it is replayed). */
  public void recordRejection(Rejection r) {
    write(Kind.REJECTIONS, r);
  }

  private void rejection(Rejection r) throws SQLException {
    String key = sha256(r.file + "\n" + r.line + "\n" + r.reason + "\n" + r.detail + "\n" + r.excerpt);
    insertIfAbsent(
        "INSERT INTO rejections (record_key, origin, position, reason, detail, excerpt, recorded_ms) "
            + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rejections WHERE record_key = ?)",
        ps -> {
          ps.setString(1, key);
          ps.setString(2, r.file);
          ps.setLong(3, r.line);
          ps.setString(4, r.reason);
          ps.setString(5, r.detail);
          ps.setString(6, r.excerpt);
          ps.setLong(7, System.currentTimeMillis());
          ps.setString(8, key);
        });
  }

  /** Records an event that came later than the allowed lateness (once). */
  public void recordLate(UsageEvent e) {
    write(Kind.LATE_EVENTS, e);
  }

  private void late(UsageEvent e) throws SQLException {
    String key = sha256(e.account + "\n" + e.ts + "\n" + e.requestId);
    insertIfAbsent(
        "INSERT INTO late_events (record_key, account, ts_ms, request_id, recorded_ms) "
            + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM late_events WHERE record_key = ?)",
        ps -> {
          ps.setString(1, key);
          ps.setString(2, e.account);
          ps.setLong(3, e.ts);
          ps.setString(4, e.requestId);
          ps.setLong(5, System.currentTimeMillis());
          ps.setString(6, key);
        });
  }

  private <T> void write(Kind<T> kind, T value) {
    try {
      kind.write(this, value);
      connection.commit();
    } catch (SQLException ex) {
      rollback();
      throw new StoreException("cannot write to the store: " + ex.getMessage(), ex);
    }
  }

  /**
   * The connection's prepared statement for {@code sql}, prepared once and reused (the writes use a
   * handful of statements; preparing each per record was a large part of a write).
   */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** True when a row was inserted; a concurrent insert of the same key counts as present. */
  private boolean insertIfAbsent(String sql, Binder binder) throws SQLException {
    try {
      PreparedStatement ps = statement(sql);
      binder.bind(ps);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false; // unique violation: another writer inserted the same key
      }
      throw e;
    }
  }

  /** Every verdict change, by kind, id and seq. */
  public List<StoredChange> changes() {
    return queryChanges("SELECT kind, id, seq, from_verdict, to_verdict, score, at_ms, signals FROM verdict_changes ORDER BY kind, id, seq", ps -> {});
  }

  /** The newest alerts (changes into suspicious or distillation), newest event time first. */
  public List<StoredChange> alerts(int limit) {
    return queryChanges(
        "SELECT kind, id, seq, from_verdict, to_verdict, score, at_ms, signals FROM alerts ORDER BY at_ms DESC, kind, id, seq DESC LIMIT ?",
        ps -> ps.setInt(1, limit));
  }

  /** One account's (or cluster's) verdict history. */
  public List<StoredChange> history(String kind, String id) {
    return queryChanges(
        "SELECT kind, id, seq, from_verdict, to_verdict, score, at_ms, signals FROM verdict_changes WHERE kind = ? AND id = ? ORDER BY seq",
        ps -> {
          ps.setString(1, kind);
          ps.setString(2, id);
        });
  }

  /** The current verdict as (verdict, seq), or null when the id never changed verdict. */
  public String currentVerdict(String kind, String id) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT verdict FROM verdicts WHERE kind = ? AND id = ?")) {
      ps.setString(1, kind);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        String v = rs.next() ? rs.getString(1) : null;
        connection.commit();
        return v;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
  }

  /** The signal ids of the evidence behind the current verdict. */
  public List<String> evidenceSignals(String kind, String id) {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT signal_id FROM evidence WHERE kind = ? AND id = ? ORDER BY signal_id")) {
      ps.setString(1, kind);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      connection.commit();
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
  }

  /** Row count of a node table (for tests and metrics): verdict_changes, rejections or late_events. */
  public long count(String table) {
    if (!List.of("verdict_changes", "verdicts", "evidence", "rejections", "late_events").contains(table)) {
      throw new IllegalArgumentException("unknown table " + table);
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long n = rs.getLong(1);
      connection.commit();
      return n;
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
  }

  /** True when the database answers. */
  public boolean ping() {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private List<StoredChange> queryChanges(String sql, Binder binder) {
    List<StoredChange> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StoredChange(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                  rs.getDouble(6), rs.getLong(7), rs.getString(8)));
        }
      }
      connection.commit();
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the store: " + e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
