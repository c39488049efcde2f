package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code demo --serve}'s loading of a scan output directory into the console's store. */
class ScanImportTest {
  @Test
  void flaggedAccountsClustersScreeningActivityAndExamplesAreLoaded() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "scan-import");
    Files.writeString(dir.resolve("accounts.jsonl"), String.join("\n",
        "{\"account\":\"a1\",\"score\":0.97,\"verdict\":\"distillation\",\"cluster\":\"c-00000000000000a1\",\"events\":3,"
            + "\"first_flagged_at\":\"2026-03-01T10:00:00.000Z\",\"signals\":[{\"id\":\"elicitation.cot\",\"value\":1.0,\"contribution\":0.4,\"evidence\":\"all ask for steps\"}],"
            + "\"screening\":{\"account\":\"a1\",\"outcome\":\"review\",\"score\":0.8}}",
        "{\"account\":\"a2\",\"score\":0.1,\"verdict\":\"benign\",\"cluster\":\"c-00000000000000a1\",\"events\":1,\"first_flagged_at\":null,\"signals\":[],\"screening\":null}"));
    Files.writeString(dir.resolve("clusters.jsonl"),
        "{\"cluster\":\"c-00000000000000a1\",\"accounts\":[\"a1\",\"a2\"],\"score\":0.9,\"verdict\":\"distillation\",\"first_flagged_at\":\"2026-03-01T11:00:00.000Z\","
            + "\"links\":[{\"kind\":\"payment_fp\",\"count\":1,\"weight\":1.0,\"examples\":[]}],\"template_fingerprint\":\"tf1\",\"signals\":[]}\n");
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, String.join("\n",
        "{\"ts\":\"2026-03-01T10:05:00Z\",\"account\":\"a1\",\"model\":\"m1\",\"prompt\":\"Solve step by step: 1+1\",\"usage\":{\"input_tokens\":10,\"output_tokens\":90}}",
        "{\"ts\":\"2026-03-01T10:35:00Z\",\"account\":\"a1\",\"model\":\"m2\",\"prompt\":\"Solve step by step: 2+2\",\"usage\":{\"input_tokens\":10,\"output_tokens\":80}}",
        "{\"ts\":\"2026-03-01T11:05:00Z\",\"account\":\"a2\",\"model\":\"m1\",\"prompt\":\"hello\"}"));
    StoreConfig config = ConsoleFixture.freshH2();
    NodeStore.migrate(config);
    try (NodeStore history = NodeStore.connect(config); ConsoleStore store = ConsoleStore.connect(config, 1)) {
      ScanImport.Loaded loaded = ScanImport.load(dir, List.of(events), history, store, ActivitySettings.defaults());
      assertThat(loaded).isEqualTo(new ScanImport.Loaded(2, 1, 2));
      assertThat(store.current("account", "a1")).map(ConsoleStore.Current::verdict).hasValue("distillation");
      assertThat(store.current("account", "a2")).isEmpty();
      assertThat(store.evidence("account", "a1")).extracting(ConsoleStore.EvidenceRow::evidence).containsExactly("all ask for steps");
      assertThat(store.members("c-00000000000000a1")).extracting(ConsoleStore.Member::account).containsExactlyInAnyOrder("a1", "a2");
      assertThat(store.screening("a1")).hasValueSatisfying(s -> assertThat(s).contains("review"));
      assertThat(store.activity("a1")).singleElement().satisfies(a -> {
        assertThat(a.requests()).isEqualTo(2);
        assertThat(a.outputTokens()).isEqualTo(170);
        assertThat(a.models()).isEqualTo(2);
      });
      assertThat(store.examples("a1").get("elicitation.cot")).containsExactly("Solve step by step: 1+1", "Solve step by step: 2+2");
    }
  }
}
