package io.distillwatch.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * {@link HubStore} over JDBC: embedded H2 by default, PostgreSQL in production, one Flyway
 * migration set for both (plus a vendor-specific trigger that makes the audit log append-only).
 * All SQL is parameterised. Writes are serialised in this JVM (one hub process per database), which
 * also makes {@code date_added} strictly increasing, so {@code added_after} never skips a version.
 */
public final class JdbcHubStore implements HubStore {

  private final ConnectionPool pool;
  private final Clock clock;
  private final Object writeLock = new Object();
  private long lastAddedMicros;

  private JdbcHubStore(ConnectionPool pool, Clock clock) throws SQLException {
    this.pool = pool;
    this.clock = clock;
    Connection c = pool.borrow();
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(date_added_us) FROM stix_object");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      lastAddedMicros = rs.getLong(1);
    } finally {
      pool.release(c);
    }
  }

  /** Migrates the database and opens a pool of {@code poolSize} connections. */
  public static JdbcHubStore open(String url, String user, String password, int poolSize, Clock clock) {
    try {
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(url))
          .load()
          .migrate();
      return new JdbcHubStore(new ConnectionPool(url, user, password, poolSize), clock);
    } catch (SQLException e) {
      throw new StoreException("cannot open store: " + e.getMessage(), e);
    }
  }

  private static String vendor(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    if (url.startsWith("jdbc:h2:")) {
      return "h2";
    }
    throw new IllegalArgumentException("store url must be jdbc:h2:... or jdbc:postgresql:...");
  }

  /**
   * What is already stored about one object id: its owner (hub-wide), the body of each version in
   * any collection (one content per id and version, hub-wide), and its versions in this collection.
   */
  private static final class Known {
    boolean owned;
    String creator;
    long newest = Long.MIN_VALUE;
    final Map<Long, String> bodies = new HashMap<>();
    final java.util.Set<Long> here = new java.util.HashSet<>();
  }

  @Override
  public List<Outcome> add(String collection, String member, List<NewVersion> versions) throws Refused {
    synchronized (writeLock) {
      return withConnection(c -> {
        c.setAutoCommit(false);
        Map<String, Known> known = known(c, collection, versions);
        List<Outcome> outcomes = new ArrayList<>();
        List<NewVersion> inserts = new ArrayList<>();
        java.util.Set<String> demote = new java.util.HashSet<>();
        Map<String, String> newOwners = new java.util.LinkedHashMap<>();
        for (NewVersion v : versions) {
          Known k = known.computeIfAbsent(v.objectId(), id -> new Known());
          if (k.owned && !java.util.Objects.equals(k.creator, v.createdBy())) {
            throw new Refused("not-owner", v.objectId(), "the object id belongs to another creator");
          }
          String existing = k.bodies.get(v.versionNanos());
          if (existing != null && !existing.equals(v.body())) {
            throw new Refused("version-conflict", v.objectId(),
                "a different object is already stored under this id and version");
          }
          if (k.here.contains(v.versionNanos())) {
            outcomes.add(Outcome.ALREADY_PRESENT);
            continue;
          }
          if (k.newest != Long.MIN_VALUE && v.versionNanos() < k.newest) {
            throw new Refused("rollback-refused", v.objectId(),
                "a newer version of this object is stored; an older one cannot replace it");
          }
          if (k.newest != Long.MIN_VALUE) {
            demote.add(v.objectId());
          }
          if (!k.owned) {
            newOwners.put(v.objectId(), v.createdBy());
          }
          k.owned = true;
          k.creator = v.createdBy();
          k.newest = v.versionNanos();
          k.bodies.put(v.versionNanos(), v.body());
          k.here.add(v.versionNanos());
          inserts.add(v);
          outcomes.add(Outcome.ADDED);
        }
        if (!newOwners.isEmpty()) {
          try (PreparedStatement own = c.prepareStatement(
              "INSERT INTO object_owner (object_id, created_by) VALUES (?,?)")) {
            for (Map.Entry<String, String> e : newOwners.entrySet()) {
              own.setString(1, e.getKey());
              own.setString(2, e.getValue());
              own.addBatch();
            }
            own.executeBatch();
          }
        }
        if (!demote.isEmpty()) {
          try (PreparedStatement clear = c.prepareStatement(
              "UPDATE stix_object SET is_latest = FALSE WHERE collection_id = ? AND object_id = ? AND is_latest")) {
            for (String id : demote) {
              clear.setString(1, collection);
              clear.setString(2, id);
              clear.addBatch();
            }
            clear.executeBatch();
          }
        }
        long dateAdded = Math.max(micros(clock.instant()), lastAddedMicros + 1);
        try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO stix_object (collection_id, object_id, object_type, spec_version, version, version_ns,"
                + " created_by, member, date_added_us, is_latest, body) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
          for (int i = 0; i < inserts.size(); i++) {
            NewVersion v = inserts.get(i);
            ins.setString(1, collection);
            ins.setString(2, v.objectId());
            ins.setString(3, v.type());
            ins.setString(4, v.specVersion());
            ins.setString(5, v.version());
            ins.setLong(6, v.versionNanos());
            ins.setString(7, v.createdBy());
            ins.setString(8, member);
            ins.setLong(9, dateAdded + i);
            // several new versions of one id in one envelope: only the newest is current
            ins.setBoolean(10, known.get(v.objectId()).newest == v.versionNanos());
            ins.setString(11, v.body());
            ins.addBatch();
          }
          if (!inserts.isEmpty()) {
            ins.executeBatch();
          }
        }
        c.commit();
        if (!inserts.isEmpty()) {
          lastAddedMicros = dateAdded + inserts.size() - 1;
        }
        return outcomes;
      });
    }
  }

  /** Everything stored about the ids in {@code versions}, in chunks of 200 ids per query. */
  private static Map<String, Known> known(Connection c, String collection, List<NewVersion> versions)
      throws SQLException {
    List<String> ids = versions.stream().map(NewVersion::objectId).distinct().toList();
    Map<String, Known> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 200) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
      String in = " IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement ps = prepare(c, "SELECT object_id, created_by FROM object_owner WHERE object_id" + in,
          chunk); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Known k = out.computeIfAbsent(rs.getString(1), id -> new Known());
          k.owned = true;
          k.creator = rs.getString(2);
        }
      }
      try (PreparedStatement ps = prepare(c, "SELECT object_id, version_ns, collection_id, body FROM stix_object"
          + " WHERE object_id" + in, chunk); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Known k = out.computeIfAbsent(rs.getString(1), id -> new Known());
          long v = rs.getLong(2);
          k.bodies.putIfAbsent(v, rs.getString(4));
          if (collection.equals(rs.getString(3))) {
            k.newest = Math.max(k.newest, v);
            k.here.add(v);
          }
        }
      }
    }
    return out;
  }

  @Override
  public Page query(String collection, Query q) {
    StringBuilder sql = new StringBuilder(
        "SELECT seq, object_id, version, spec_version, date_added_us, body FROM stix_object s WHERE collection_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(collection);
    appendFilters(q, sql, args);
    sql.append(" ORDER BY collection_id, seq LIMIT ?"); // lets H2 and PostgreSQL read the (collection_id, seq) index in order
    args.add(q.limit() + 1);
    try {
      return withConnection(c -> {
        List<StoredVersion> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql.toString(), args); ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getString(6)));
          }
        }
        boolean more = out.size() > q.limit();
        return new Page(more ? out.subList(0, q.limit()) : out, more);
      });
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  private static void appendFilters(Query q, StringBuilder sql, List<Object> args) {
    if (q.addedAfterMicros() != null) {
      sql.append(" AND date_added_us > ?");
      args.add(q.addedAfterMicros());
    }
    if (q.afterSeq() != null) {
      sql.append(" AND seq > ?");
      args.add(q.afterSeq());
    }
    in(sql, args, "object_id", q.ids());
    in(sql, args, "object_type", q.types());
    in(sql, args, "spec_version", q.specVersions());
    if (!q.allVersions()) {
      List<String> alternatives = new ArrayList<>();
      if (q.lastVersions()) {
        alternatives.add("is_latest");
      }
      if (q.firstVersions()) {
        alternatives.add("version_ns = (SELECT MIN(f.version_ns) FROM stix_object f"
            + " WHERE f.collection_id = s.collection_id AND f.object_id = s.object_id)");
      }
      if (!q.versions().isEmpty()) {
        alternatives.add("version_ns IN (" + "?,".repeat(q.versions().size() - 1) + "?)");
      }
      if (alternatives.isEmpty()) {
        alternatives.add("is_latest");
      }
      sql.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
      if (!q.versions().isEmpty()) {
        args.addAll(q.versions());
      }
    }
  }

  private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
    if (!values.isEmpty()) {
      sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
      args.addAll(values);
    }
  }

  @Override
  public int delete(String collection, String objectId, Query q) {
    synchronized (writeLock) {
      try {
        return withConnection(c -> {
          c.setAutoCommit(false);
          StringBuilder sql = new StringBuilder("DELETE FROM stix_object s WHERE collection_id = ? AND object_id = ?");
          List<Object> args = new ArrayList<>(List.of(collection, objectId));
          Query scoped = new Query(null, null, List.of(), List.of(), q.versions(), q.lastVersions(),
              q.firstVersions(), q.allVersions(), q.specVersions(), 0);
          appendFilters(scoped, sql, args);
          int n;
          try (PreparedStatement ps = prepare(c, sql.toString(), args)) {
            n = ps.executeUpdate();
          }
          long max = maxVersion(c, collection, objectId);
          if (max != Long.MIN_VALUE) {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE stix_object SET is_latest = (version_ns = ?) WHERE collection_id = ? AND object_id = ?")) {
              ps.setLong(1, max);
              ps.setString(2, collection);
              ps.setString(3, objectId);
              ps.executeUpdate();
            }
          }
          c.commit();
          return n;
        });
      } catch (Refused e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public Optional<String> creatorOf(String collection, String objectId) {
    try {
      return withConnection(c -> creatorOf(c, collection, objectId));
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void saveStatus(String id, String member, String json) {
    update("INSERT INTO taxii_status (id, member, body) VALUES (?,?,?)", id, member, json);
  }

  @Override
  public Optional<StatusRecord> status(String id) {
    try {
      return withConnection(c -> {
        try (PreparedStatement ps = prepare(c, "SELECT id, member, body FROM taxii_status WHERE id = ?", List.of(id));
            ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new StatusRecord(rs.getString(1), rs.getString(2), rs.getString(3)))
              : Optional.<StatusRecord>empty();
        }
      });
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void audit(AuditEntry e) {
    String detail = e.detail() == null || e.detail().length() <= 4000 ? e.detail() : e.detail().substring(0, 3990) + "…";
    update("INSERT INTO audit_log (at_us, member, action, collection_id, http_status, detail) VALUES (?,?,?,?,?,?)",
        e.atMicros(), e.member(), e.action(), e.collection(), e.status(), detail);
  }

  @Override
  public List<AuditEntry> auditLog(int limit) {
    try {
      return withConnection(c -> {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c,
            "SELECT at_us, member, action, collection_id, http_status, detail FROM audit_log ORDER BY seq LIMIT ?",
            List.of(limit));
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6)));
          }
        }
        return out;
      });
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long countVersions() {
    try {
      return withConnection(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stix_object");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      });
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  private static Optional<String> creatorOf(Connection c, String collection, String objectId) throws SQLException {
    try (PreparedStatement ps = prepare(c,
        "SELECT created_by FROM stix_object WHERE collection_id = ? AND object_id = ? ORDER BY seq LIMIT 1",
        List.of(collection, objectId));
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    }
  }

  private static long maxVersion(Connection c, String collection, String objectId) throws SQLException {
    try (PreparedStatement ps = prepare(c,
        "SELECT MAX(version_ns) FROM stix_object WHERE collection_id = ? AND object_id = ?",
        List.of(collection, objectId));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long v = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : v;
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, List<?> args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a == null) {
        ps.setNull(i + 1, java.sql.Types.VARCHAR);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
    return ps;
  }

  private void update(String sql, Object... args) {
    try {
      withConnection(c -> {
        try (PreparedStatement ps = prepare(c, sql, java.util.Arrays.asList(args))) {
          return ps.executeUpdate();
        }
      });
    } catch (Refused e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException, Refused;
  }

  private <T> T withConnection(Work<T> work) throws Refused {
    Connection c;
    try {
      c = pool.borrow();
    } catch (SQLException e) {
      throw new StoreException("store unavailable", e);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("store error: " + e.getSQLState(), e);
    } finally {
      pool.release(c);
    }
  }
}
