package io.distillwatch.node.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The console store contract on a real PostgreSQL 17. */
class PostgresConsoleStoreIT extends ConsoleStoreContract {
  private static TestPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = new TestPostgres();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Override
  StoreConfig freshDatabase() throws Exception {
    return postgres.freshDatabase();
  }
}
