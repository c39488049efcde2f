package io.distillwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.event.Signal;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.console.ConsoleRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the console reads and writes, run against every database the store supports. */
abstract class ConsoleStoreContract {
  private NodeStore history;
  private ConsoleStore store;

  abstract StoreConfig freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    StoreConfig config = freshDatabase();
    history = NodeStore.connect(config);
    store = ConsoleStore.connect(config, 2);
  }

  @AfterEach
  void close() {
    store.close();
    history.close();
  }

  private void alert(String kind, String id, String verdict, double score, long at, String... signals) {
    List<Signal> s = new ArrayList<>();
    for (String x : signals) {
      s.add(new Signal(x, 1, x.startsWith("damper") ? -0.1 : 0.3, x.equals("cluster.member")
          ? "member of cluster c-00000000000000aa: 2 accounts linked by payment_fp; ..." : "because " + x));
    }
    history.recordChange(new VerdictChange(kind, id, "benign", verdict, score, at, VerdictChange.signalsJson(s), 1));
  }

  @Test
  void theQueueFiltersSortsAndPagesCurrentAlerts() {
    for (int i = 0; i < 25; i++) {
      alert("account", "acct-" + i, i % 2 == 0 ? "distillation" : "suspicious", i / 100.0, 1000 + i, i % 5 == 0 ? "elicitation.cot" : "volume.requests");
    }
    alert("account", "acct-cleared", "benign", 0.01, 5000);
    alert("cluster", "c-00000000000000aa", "distillation", 0.99, 3000, "structure.template_concentration");
    alert("account", "acct-member", "distillation", 0.5, 2000, "cluster.member");

    ConsoleStore.Page<ConsoleStore.QueueRow> first = store.queue(new ConsoleStore.QueueQuery(null, null, null, null, null, null, "score", false, 0, 10));
    assertThat(first.total()).isEqualTo(27);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.rows()).hasSize(10);
    assertThat(first.rows().get(0).id()).isEqualTo("c-00000000000000aa");
    assertThat(first.rows()).extracting(ConsoleStore.QueueRow::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(store.queue(new ConsoleStore.QueueQuery(null, null, null, null, null, null, "score", false, 2, 10)).rows()).hasSize(7);

    assertThat(store.queue(new ConsoleStore.QueueQuery("suspicious", "account", null, null, null, null, "time", true, 0, 50)).rows())
        .allMatch(r -> r.verdict().equals("suspicious")).hasSize(12);
    assertThat(store.queue(new ConsoleStore.QueueQuery(null, null, null, "elicitation.cot", null, null, "id", true, 0, 50)).rows())
        .extracting(ConsoleStore.QueueRow::id).containsExactly("acct-0", "acct-10", "acct-15", "acct-20", "acct-5");
    assertThat(store.queue(new ConsoleStore.QueueQuery(null, null, "c-00000000000000aa", null, null, null, "score", false, 0, 50)).rows())
        .extracting(ConsoleStore.QueueRow::id).containsExactly("c-00000000000000aa", "acct-member");
    assertThat(store.queue(new ConsoleStore.QueueQuery(null, null, null, null, 1010L, 1020L, "time", true, 0, 50)).rows())
        .extracting(ConsoleStore.QueueRow::atMs).containsExactly(1010L, 1011L, 1012L, 1013L, 1014L, 1015L, 1016L, 1017L, 1018L, 1019L);
    ConsoleStore.QueueRow member = store.queue(new ConsoleStore.QueueQuery(null, null, null, "cluster.member", null, null, "score", false, 0, 50)).rows().get(0);
    assertThat(member.cluster()).as("membership read from cluster.member evidence").isEqualTo("c-00000000000000aa");
    assertThat(member.topSignals()).containsExactly("cluster.member");
    assertThat(store.queueState()).isEqualTo(new ConsoleStore.QueueState(3000, 27));
    assertThatThrownBy(() -> store.queue(new ConsoleStore.QueueQuery(null, null, null, null, null, null, "drop", false, 0, 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyCaseChangeIsAuditedAndDecisionsAreKeptInOrder() {
    alert("account", "a", "distillation", 0.9, 1);
    store.assign("account", "a", "ana", "admin");
    store.decide("account", "a", "needs_more_data", "wait a day", "ana");
    store.decide("account", "a", "confirmed_distillation", "template farm", "ana");
    store.recordAction("account", "a", "suspended", "ana");
    store.recordAppeal("account", "a", "customer says it is a benchmark", "bo");
    store.addNote("account", "a", "<b>checked</b>", "bo");
    ConsoleStore.Case c = store.caseOf("account", "a").orElseThrow();
    assertThat(c.assignee()).isEqualTo("ana");
    assertThat(c.decision()).isEqualTo("confirmed_distillation");
    assertThat(c.actionTaken()).isEqualTo("suspended");
    assertThat(c.appeal()).contains("benchmark");
    assertThat(c.updatedBy()).isEqualTo("bo");
    assertThat(store.audit("account", "a")).extracting(ConsoleStore.AuditRow::action)
        .containsExactly("case.assign", "case.decide", "case.decide", "case.action", "case.appeal", "case.note");
    assertThat(store.decisions()).extracting(ConsoleStore.Decision::decision).containsExactly("needs_more_data", "confirmed_distillation");
    assertThat(store.notes("account", "a")).extracting(ConsoleStore.Note::body).containsExactly("<b>checked</b>");
    assertThatThrownBy(() -> store.decide("account", "a", "guilty", "r", "ana")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFeedsRowsAreUpsertsSoAReplayChangesNothing() throws Exception {
    ConsoleRow hour = new ConsoleRow();
    hour.account = "a";
    hour.hourMs = 3_600_000;
    hour.requests = 5;
    hour.outputTokens = 50;
    hour.models = 1;
    hour.modelNames = "m";
    ConsoleRow example = new ConsoleRow();
    example.example = true;
    example.account = "a";
    example.signal = "elicitation.cot";
    example.slot = 0;
    example.prompt = "think step by step";
    example.atMs = 10;
    for (int i = 0; i < 2; i++) {
      history.recordAll(List.of(hour, example), NodeStore.Kind.CONSOLE_ROWS);
    }
    hour.requests = 7;
    history.recordAll(List.of(hour), NodeStore.Kind.CONSOLE_ROWS);
    assertThat(store.activity("a")).containsExactly(new ConsoleStore.Activity("a", 3_600_000, 7, 0, 50, 1, "m"));
    assertThat(store.examples("a")).containsEntry("elicitation.cot", List.of("think step by step")).hasSize(1);
    assertThat(store.purge(3_600_001, 0)).isEqualTo(1);
    assertThat(store.activity("a")).isEmpty();
    assertThat(store.examples("a")).hasSize(1);
  }

  @Test
  void usersAndTokens() {
    store.createUser("ana", "analyst", "$argon2id$x", "admin");
    store.addApiToken("f".repeat(64), "ana", "export");
    assertThat(store.userByTokenHash("f".repeat(64))).map(ConsoleStore.User::username).hasValue("ana");
    store.setDisabled("ana", true, "admin");
    assertThat(store.userByTokenHash("f".repeat(64))).isEmpty();
    assertThat(store.user("ana")).map(ConsoleStore.User::disabled).hasValue(true);
    assertThat(store.userCount()).isEqualTo(1);
  }
}
