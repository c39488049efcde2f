package io.distillwatch.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fixed set of JDBC connections handed out one at a time (default 8). */
final class ConnectionPool implements AutoCloseable {

  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();

  ConnectionPool(String url, String user, String password, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      Connection c = DriverManager.getConnection(url, user, password);
      all.add(c);
      idle.add(c);
    }
  }

  Connection borrow() throws SQLException {
    try {
      Connection c = idle.poll(30, TimeUnit.SECONDS);
      if (c == null) {
        throw new SQLException("no database connection free within 30 s");
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted waiting for a connection");
    }
  }

  void release(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // a broken connection stays in the pool; the next use reports the error
    }
    idle.add(c);
  }

  @Override
  public void close() {
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }
}
