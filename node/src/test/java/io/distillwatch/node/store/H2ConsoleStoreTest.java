package io.distillwatch.node.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** The console store contract on embedded H2 (the default). */
class H2ConsoleStoreTest extends ConsoleStoreContract {
  @Override
  StoreConfig freshDatabase() throws Exception {
    StoreConfig config = StoreConfig.embedded(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "h2-console"));
    NodeStore.migrate(config);
    return config;
  }
}
