package io.distillwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.VerdictChange;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One suite, run against every database the store supports. */
abstract class NodeStoreContract {
  private NodeStore store;
  private StoreConfig config;

  /** A fresh, empty database. */
  abstract StoreConfig freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    config = freshDatabase();
    store = NodeStore.open(config);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static VerdictChange change(String id, long seq, String from, String to, String... signals) {
    List<Signal> s = java.util.Arrays.stream(signals).map(x -> new Signal(x, 1.5, 0.25, "because " + x)).toList();
    return new VerdictChange("account", id, from, to, 0.5 + seq / 100.0, 1_700_000_000_000L + seq, VerdictChange.signalsJson(s), seq);
  }

  @Test
  void aReplayedChangeIsStoredOnce() {
    VerdictChange c = change("acct-1", 1, "benign", "suspicious", "volume.requests");
    store.recordChange(c);
    store.recordChange(c);
    assertThat(store.changes())
        .containsExactly(new StoredChange("account", "acct-1", 1, "benign", "suspicious", c.score, c.at, c.signals));
  }

  @Test
  void theCurrentVerdictAndEvidenceFollowTheHighestSeqWhateverTheWriteOrder() {
    store.recordChange(change("acct-1", 1, "benign", "suspicious", "volume.requests"));
    store.recordChange(change("acct-1", 3, "distillation", "suspicious", "elicitation.cot"));
    store.recordChange(change("acct-1", 2, "suspicious", "distillation", "volume.requests", "structure.single_turn"));

    assertThat(store.currentVerdict("account", "acct-1")).isEqualTo("suspicious");
    assertThat(store.evidenceSignals("account", "acct-1")).containsExactly("elicitation.cot");
    assertThat(store.history("account", "acct-1")).extracting(StoredChange::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aBatchWritesWhatSingleWritesWouldIncludingReplaysInsideIt() {
    store.recordChange(change("acct-1", 1, "benign", "suspicious", "volume.requests"));
    store.recordAll(
        List.of(
            change("acct-1", 1, "benign", "suspicious", "volume.requests"),
            change("acct-1", 3, "distillation", "suspicious", "elicitation.cot"),
            change("acct-2", 1, "benign", "distillation"),
            change("acct-1", 2, "suspicious", "distillation", "volume.requests", "structure.single_turn"),
            change("acct-1", 3, "distillation", "suspicious", "elicitation.cot")),
        NodeStore.Kind.CHANGES);
    assertThat(store.history("account", "acct-1")).extracting(StoredChange::seq).containsExactly(1L, 2L, 3L);
    assertThat(store.currentVerdict("account", "acct-1")).isEqualTo("suspicious");
    assertThat(store.evidenceSignals("account", "acct-1")).containsExactly("elicitation.cot");
    assertThat(store.currentVerdict("account", "acct-2")).isEqualTo("distillation");
    store.recordAll(List.of(), NodeStore.Kind.CHANGES);
    assertThat(store.changes()).hasSize(4);
  }

  @Test
  void alertsAreChangesIntoSuspiciousOrDistillation() {
    store.recordChange(change("a", 1, "benign", "distillation"));
    store.recordChange(change("a", 2, "distillation", "benign"));
    store.recordChange(change("b", 1, "benign", "suspicious"));
    assertThat(store.alerts(10)).extracting(c -> c.id() + "/" + c.seq()).containsExactlyInAnyOrder("a/1", "b/1");
    assertThat(store.alerts(1)).hasSize(1);
  }

  @Test
  void rejectionsAndLateEventsAreRecordedOnce() {
    Rejection r = new Rejection("kafka:events/0", 42, RejectReason.INVALID_JSON, "unexpected end", "{\"ts\":");
    store.recordRejection(r);
    store.recordRejection(r);
    UsageEvent late = new UsageEvent();
    late.account = "acct-1";
    late.ts = 5;
    late.requestId = "r-1";
    store.recordLate(late);
    store.recordLate(late);
    assertThat(store.count("rejections")).isEqualTo(1);
    assertThat(store.count("late_events")).isEqualTo(1);
  }

  @Test
  void migratingAgainKeepsTheData() throws Exception {
    store.recordChange(change("acct-1", 1, "benign", "suspicious"));
    NodeStore.migrate(config);
    assertThat(store.ping()).isTrue();
    assertThat(store.count("verdict_changes")).isEqualTo(1);
  }
}
