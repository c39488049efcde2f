package io.distillwatch.node.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The console store contract on a real PostgreSQL 17. */
class PostgresConsoleStoreIT extends ConsoleStoreContract {
  @RegisterExtension static final TestPostgres POSTGRES = new TestPostgres();

  @Override
  StoreConfig freshDatabase() throws Exception {
    return POSTGRES.freshDatabase();
  }
}
