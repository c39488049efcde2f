package io.distillwatch.hub.store;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class H2HubStoreTest extends HubStoreContract {

  private JdbcHubStore store;

  @Override
  JdbcHubStore store() {
    store = JdbcHubStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2,
        Clock.systemUTC());
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
