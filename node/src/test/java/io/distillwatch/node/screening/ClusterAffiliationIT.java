package io.distillwatch.node.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import io.distillwatch.node.store.StoredChange;
import io.distillwatch.screening.ScreeningOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live screening with the node's H2 store: when the job records that two accounts are members of one
 * cluster and one of them is listed, the other gets review naming the cluster and the listed account.
 */
class ClusterAffiliationIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theOtherMemberOfAClusterWithAListedAccountGetsReview(@TempDir Path dir) throws Exception {
    StoreConfig store = StoreConfig.embedded(dir);
    NodeStore.migrate(store);
    Path lists = Files.createDirectories(dir.resolve("lists"));
    Files.writeString(lists.resolve("csl.csv"), LiveScreeningITFixtures.CSL);
    Path accounts = dir.resolve("accounts.jsonl");
    Files.writeString(accounts, "{\"account\":\"acct-1\",\"org_name\":\"Great Lakes Business Company\"}\n"
        + "{\"account\":\"acct-2\",\"org_name\":\"Lakeside Bakery GmbH\"}\n");
    LiveScreeningConfig config = new LiveScreeningConfig(lists,
        ScreeningOptions.defaults().withListDate("2026-11-30"), store, null, null, accounts, null,
        Duration.ofMillis(100));
    try (LiveScreening live = LiveScreening.start(config); NodeStore writer = NodeStore.connect(store)) {
      await(() -> !history(store, "acct-1").isEmpty());
      assertThat(history(store, "acct-2")).isEmpty();
      String evidence = "member of cluster c-0123456789abcdef: 2 accounts linked by payment_fp; "
          + "their combined 40 requests since linking score 0.70 (suspicious)";
      for (String a : List.of("acct-1", "acct-2")) {
        writer.recordChange(new VerdictChange("account", a, "benign", "suspicious", 0.7,
            System.currentTimeMillis(), "[{\"id\":\"cluster.member\",\"value\":0.7,\"contribution\":0.2,"
                + "\"evidence\":\"" + evidence + "\"}]", 1));
      }
      await(() -> !history(store, "acct-2").isEmpty());
      StoredChange c = history(store, "acct-2").get(0);
      assertThat(c.to()).isEqualTo("review");
      JsonNode via = JSON.readTree(c.signals()).get("via");
      assertThat(via.get("cluster").asText()).isEqualTo("c-0123456789abcdef");
      assertThat(via.get("account").asText()).isEqualTo("acct-1");
      assertThat(history(store, "acct-1")).hasSize(1); // the listed account keeps its own match
    }
  }

  private static List<StoredChange> history(StoreConfig store, String account) {
    try (NodeStore s = NodeStore.connect(store)) {
      return s.history("screening", account);
    }
  }

  private static void await(BooleanSupplier condition) throws Exception {
    LiveScreeningITFixtures.await(condition, 60);
  }

}
