package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.node.store.StoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster membership as the node's job publishes it: an account's verdict change carries a {@code
 * cluster.member} signal ("member of cluster c-…: …") when it inherits a flagged cluster's verdict.
 * Read from the store's verdict changes, newest first seen; members of clusters that were never
 * flagged are not published by the job and so are not known here.
 */
final class ClusterFeed implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MEMBER = Pattern.compile("^member of cluster (\\S+?):");
  private final Connection connection;
  private long lastSeq = -1;

  ClusterFeed(StoreConfig store) throws SQLException {
    this.connection = DriverManager.getConnection(store.url(), store.user(), store.password());
  }

  /** Account → cluster for account changes recorded since the last call. */
  Map<String, String> newMemberships() throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id, signals, recorded_ms FROM verdict_changes WHERE kind = ? AND recorded_ms >= ? "
            + "ORDER BY recorded_ms")) {
      ps.setString(1, "account");
      ps.setLong(2, lastSeq);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cluster = clusterOf(rs.getString(2));
          if (cluster != null) {
            out.put(rs.getString(1), cluster);
          }
          lastSeq = Math.max(lastSeq, rs.getLong(3));
        }
      }
    }
    return out;
  }

  /** The cluster named by a {@code cluster.member} signal, or null. */
  static String clusterOf(String signals) {
    try {
      for (JsonNode s : JSON.readTree(signals == null ? "[]" : signals)) {
        if ("cluster.member".equals(s.path("id").asText())) {
          Matcher m = MEMBER.matcher(s.path("evidence").asText(""));
          if (m.find()) {
            return m.group(1);
          }
        }
      }
    } catch (java.io.IOException e) {
      return null;
    }
    return null;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing was written on this connection
    }
  }
}
