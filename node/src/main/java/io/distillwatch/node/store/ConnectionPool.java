package io.distillwatch.node.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of JDBC connections shared by the console's request threads: a request takes one,
 * works in one transaction, and gives it back. Enough for a few dozen analysts; a connection found
 * broken is replaced.
 */
final class ConnectionPool implements AutoCloseable {
  private final StoreConfig config;
  private final BlockingQueue<Connection> idle;

  ConnectionPool(StoreConfig config, int size) {
    this.config = config;
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      idle.add(open());
    }
  }

  private Connection open() {
    try {
      Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the store: " + e.getMessage(), e);
    }
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  <T> T inTransaction(Work<T> work) {
    Connection c;
    try {
      c = idle.poll(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a store connection", e);
    }
    if (c == null) {
      throw new StoreException("no store connection free within 10 s", null);
    }
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the original failure is what matters
      }
      if (!valid(c)) {
        closeQuietly(c);
        c = open();
      }
      throw new StoreException("store: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the original failure is what matters
      }
      throw e;
    } finally {
      idle.offer(c);
    }
  }

  private static boolean valid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // replacing it anyway
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }
}
