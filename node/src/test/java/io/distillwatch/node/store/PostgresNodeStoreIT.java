package io.distillwatch.node.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL 17 (embedded binaries from Maven Central; nothing to install). */
class PostgresNodeStoreIT extends NodeStoreContract {
  @RegisterExtension static final TestPostgres POSTGRES = new TestPostgres();

  @Override
  StoreConfig freshDatabase() throws Exception {
    return POSTGRES.freshDatabase();
  }
}
