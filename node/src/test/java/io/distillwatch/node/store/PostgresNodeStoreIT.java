package io.distillwatch.node.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL 17 (embedded binaries from Maven Central; nothing to install). */
class PostgresNodeStoreIT extends NodeStoreContract {
  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DB = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Override
  StoreConfig freshDatabase() throws Exception {
    String name = "node" + DB.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    StoreConfig config = new StoreConfig(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    NodeStore.migrate(config);
    return config;
  }
}
