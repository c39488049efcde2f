package io.distillwatch.node.screening;

import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Screening changes into the node's store (idempotent by kind, id and seq, as every change). */
final class StoreScreeningChanges implements ScreeningChanges {
  private final NodeStore store;

  StoreScreeningChanges(StoreConfig config) {
    this.store = NodeStore.connect(config);
  }

  @Override
  public void emit(VerdictChange change) {
    store.recordChange(change);
  }

  /** The current screening outcome and seq of every account, from the store. */
  static Map<String, LiveScreening.Current> current(StoreConfig config) throws SQLException {
    Map<String, LiveScreening.Current> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
        PreparedStatement ps = c.prepareStatement("SELECT id, verdict, seq FROM verdicts WHERE kind = ?")) {
      ps.setString(1, KIND);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new LiveScreening.Current(rs.getString(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    store.close();
  }
}
