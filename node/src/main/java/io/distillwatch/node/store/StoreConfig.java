package io.distillwatch.node.store;

import java.io.Serializable;

/**
 * Where the store is: a JDBC URL ({@code jdbc:h2:...} embedded by default, {@code jdbc:postgresql:...}
 * in production) and credentials. Serializable because the job's sinks open their own connections.
 */
public record StoreConfig(String url, String user, String password) implements Serializable {
  /** An embedded H2 database in {@code dir} (file {@code node.mv.db}). */
  public static StoreConfig embedded(java.nio.file.Path dir) {
    return new StoreConfig("jdbc:h2:file:" + dir.toAbsolutePath().resolve("node") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  @Override
  public String toString() {
    return "StoreConfig[url=" + url + ", user=" + user + ", password=***]";
  }
}
