package io.distillwatch.node.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A real PostgreSQL 17 (embedded binaries from Maven Central) handing out fresh, migrated databases. */
final class TestPostgres implements AutoCloseable {
  private static final AtomicInteger DB = new AtomicInteger();
  private final EmbeddedPostgres postgres;

  TestPostgres() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    postgres = EmbeddedPostgres.builder().start();
  }

  StoreConfig freshDatabase() throws Exception {
    String name = "node" + DB.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    StoreConfig config = new StoreConfig(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    NodeStore.migrate(config);
    return config;
  }

  @Override
  public void close() throws Exception {
    postgres.close();
  }
}
