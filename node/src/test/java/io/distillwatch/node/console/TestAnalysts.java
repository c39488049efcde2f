package io.distillwatch.node.console;

import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;

/** Test and bench callers of the node's {@code /api}: an analyst with an API token in the node's store. */
public final class TestAnalysts {
  private TestAnalysts() {}

  /** Creates {@code user} (role analyst) with {@code token} as its API token, before the node starts. */
  public static void withApiToken(NodeConfig config, String user, String token) {
    NodeStore.migrate(config.store());
    try (ConsoleStore console = ConsoleStore.connect(config.store(), 1)) {
      console.createUser(user, "analyst", Passwords.hash("a test password for " + user), "test");
      console.addApiToken(Passwords.sha256(token), user, "test");
    }
  }
}
