package io.distillwatch.node.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The store contract on embedded H2 (the default). */
class H2NodeStoreTest extends NodeStoreContract {
  @Override
  StoreConfig freshDatabase() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "h2-store");
    StoreConfig config = StoreConfig.embedded(dir);
    NodeStore.migrate(config); // a second migration of the same database is a no-op
    return config;
  }
}
