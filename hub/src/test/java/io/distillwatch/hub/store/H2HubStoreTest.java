package io.distillwatch.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class H2HubStoreTest extends HubStoreContract {

  private JdbcHubStore store;
  private String url;

  @Override
  JdbcHubStore store() {
    url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    store = JdbcHubStore.open(url, "sa", "", 2, Clock.systemUTC());
    return store;
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
