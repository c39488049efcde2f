package io.distillwatch.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real PostgreSQL 17 (embedded binaries, nothing to install). */
class PostgresHubStoreIT extends HubStoreContract {

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DB = new AtomicInteger();
  private JdbcHubStore store;
  private String url;

  @BeforeAll
  static void start() throws Exception {
    java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Override
  JdbcHubStore store() {
    String name = "hub" + DB.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    url = postgres.getJdbcUrl("postgres", name);
    store = JdbcHubStore.open(url, "postgres", "postgres", 2, Clock.systemUTC());
    return store;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "postgres");
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
