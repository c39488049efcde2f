package io.distillwatch.node.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 17 (embedded binaries from Maven Central) for a test class, handing out fresh,
 * migrated databases: {@code @RegisterExtension static final TestPostgres POSTGRES = new TestPostgres();}.
 */
final class TestPostgres implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger DB = new AtomicInteger();
  private EmbeddedPostgres postgres;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    postgres = EmbeddedPostgres.builder().start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    postgres.close();
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
}
