package io.distillwatch.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One contract, run against every store implementation (H2 and PostgreSQL). */
abstract class HubStoreContract {

  /** A fresh, empty store. */
  abstract JdbcHubStore store();

  /** A plain connection to the database of the last {@link #store()}, bypassing the store. */
  abstract Connection connect() throws SQLException;

  private int execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  static HubStore.NewVersion version(String id, String modified, String creator, String name) {
    Instant t = Instant.parse(modified);
    long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
    String body = "{\"id\":\"" + id + "\",\"modified\":\"" + modified + "\",\"name\":\"" + name + "\"}";
    return new HubStore.NewVersion(id, "campaign", "2.1", modified, ns, creator, body);
  }

  static final String A = "identity--aaaaaaaa-aaaa-5aaa-8aaa-aaaaaaaaaaaa";
  static final String B = "identity--bbbbbbbb-bbbb-5bbb-8bbb-bbbbbbbbbbbb";
  static final String C1 = "campaign--11111111-1111-5111-8111-111111111111";
  static final String C2 = "campaign--22222222-2222-5222-8222-222222222222";

  @Test
  void addedVersionsAreServedAndRepostsChangeNothing() throws Exception {
    JdbcHubStore s = store();
    assertThat(s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "x"))))
        .containsExactly(HubStore.Outcome.ADDED);
    assertThat(s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "x"))))
        .containsExactly(HubStore.Outcome.ALREADY_PRESENT);
    assertThat(s.countVersions()).isEqualTo(1);
    assertThat(s.query("col", Query.latest(10)).versions()).extracting(HubStore.StoredVersion::objectId)
        .containsExactly(C1);
    assertThat(s.query("other", Query.latest(10)).versions()).isEmpty();
  }

  @Test
  void theNewestModifiedIsCurrentAndOlderVersionsCannotRollItBack() throws Exception {
    JdbcHubStore s = store();
    s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "v1")));
    s.add("col", "a", List.of(version(C1, "2026-01-03T00:00:00.000Z", A, "v3")));
    assertThatThrownBy(() -> s.add("col", "a", List.of(version(C1, "2026-01-02T00:00:00.000Z", A, "v2"))))
        .isInstanceOf(HubStore.Refused.class)
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("rollback-refused");
    assertThat(s.countVersions()).isEqualTo(2);
    assertThat(s.query("col", Query.latest(10)).versions()).singleElement()
        .extracting(HubStore.StoredVersion::version).isEqualTo("2026-01-03T00:00:00.000Z");
    Query all = new Query(null, null, List.of(), List.of(), List.of(), false, false, true, List.of(), 10);
    assertThat(s.query("col", all).versions()).hasSize(2);
    Query first = new Query(null, null, List.of(), List.of(), List.of(), false, true, false, List.of(), 10);
    assertThat(s.query("col", first).versions()).singleElement()
        .extracting(HubStore.StoredVersion::version).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void severalVersionsInOneEnvelopeLeaveTheNewestCurrent() throws Exception {
    JdbcHubStore s = store();
    s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "v1"),
        version(C1, "2026-01-02T00:00:00.000Z", A, "v2")));
    assertThat(s.query("col", Query.latest(10)).versions()).singleElement()
        .extracting(HubStore.StoredVersion::version).isEqualTo("2026-01-02T00:00:00.000Z");
    assertThat(s.countVersions()).isEqualTo(2);
  }

  @Test
  void anEnvelopeIsAllOrNothing() throws Exception {
    JdbcHubStore s = store();
    s.add("col", "a", List.of(version(C1, "2026-01-03T00:00:00.000Z", A, "v3")));
    assertThatThrownBy(() -> s.add("col", "a", List.of(
        version(C2, "2026-01-01T00:00:00.000Z", A, "new"),
        version(C1, "2026-01-02T00:00:00.000Z", A, "old"))))
        .isInstanceOf(HubStore.Refused.class);
    assertThat(s.countVersions()).isEqualTo(1);
  }

  @Test
  void changedContentUnderAStoredVersionAndForeignObjectsAreRefused() throws Exception {
    JdbcHubStore s = store();
    s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "x")));
    assertThatThrownBy(() -> s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "y"))))
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("version-conflict");
    assertThatThrownBy(() -> s.add("col", "b", List.of(version(C1, "2026-02-01T00:00:00.000Z", B, "y"))))
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("not-owner");
    assertThat(s.countVersions()).isEqualTo(1);
  }

  @Test
  void anObjectIdBelongsToItsFirstCreatorInEveryCollectionEvenAfterDeletion() throws Exception {
    JdbcHubStore s = store();
    s.add("col-a", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "x")));
    assertThatThrownBy(() -> s.add("col-b", "b", List.of(version(C1, "2026-01-01T00:00:00.000Z", B, "x"))))
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("not-owner");
    assertThat(s.add("col-b", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "x"))))
        .containsExactly(HubStore.Outcome.ADDED);
    Query all = new Query(null, null, List.of(), List.of(), List.of(), false, false, true, List.of(), 10);
    s.delete("col-a", C1, all);
    s.delete("col-b", C1, all);
    assertThatThrownBy(() -> s.add("col-b", "b", List.of(version(C1, "2026-02-01T00:00:00.000Z", B, "y"))))
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("not-owner");
    assertThat(s.countVersions()).isZero();
  }

  @Test
  void oneIdAndVersionHaveOneContentInEveryCollection() throws Exception {
    JdbcHubStore s = store();
    s.add("col-a", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "amber")));
    assertThatThrownBy(() -> s.add("col-b", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "green"))))
        .extracting(e -> ((HubStore.Refused) e).code()).isEqualTo("version-conflict");
    assertThat(s.add("col-b", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "amber"))))
        .containsExactly(HubStore.Outcome.ADDED);
    assertThat(s.add("col-b", "a", List.of(version(C1, "2026-01-02T00:00:00.000Z", A, "green"))))
        .containsExactly(HubStore.Outcome.ADDED);
    assertThat(s.countVersions()).isEqualTo(3);
  }

  @Test
  void pagingAndAddedAfterVisitEveryVersionOnce() throws Exception {
    JdbcHubStore s = store();
    List<HubStore.NewVersion> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      batch.add(version(String.format("campaign--%08d-1111-5111-8111-111111111111", i), "2026-01-01T00:00:00.000Z", A, "n" + i));
    }
    s.add("col", "a", batch.subList(0, 12));
    s.add("col", "a", batch.subList(12, 25));
    List<String> seen = new ArrayList<>();
    Query q = Query.latest(10);
    HubStore.Page page;
    do {
      page = s.query("col", q);
      page.versions().forEach(v -> seen.add(v.objectId()));
      if (!page.versions().isEmpty()) {
        q = q.withAfterSeq(page.versions().get(page.versions().size() - 1).seq());
      }
    } while (page.more());
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    long firstBatchAdded = s.query("col", Query.latest(12)).versions().get(11).dateAddedMicros();
    Query after = new Query(firstBatchAdded, null, List.of(), List.of(), List.of(), true, false, false, List.of(), 100);
    assertThat(s.query("col", after).versions()).hasSize(13);
    Query byId = new Query(null, null, List.of(batch.get(3).objectId()), List.of("campaign"), List.of(), true, false,
        false, List.of("2.1"), 100);
    assertThat(s.query("col", byId).versions()).hasSize(1);
  }

  @Test
  void deletingTheLatestVersionPromotesThePreviousOne() throws Exception {
    JdbcHubStore s = store();
    s.add("col", "a", List.of(version(C1, "2026-01-01T00:00:00.000Z", A, "v1")));
    s.add("col", "a", List.of(version(C1, "2026-01-03T00:00:00.000Z", A, "v3")));
    Query last = new Query(null, null, List.of(), List.of(), List.of(), true, false, false, List.of(), 10);
    assertThat(s.delete("col", C1, last)).isEqualTo(1);
    assertThat(s.query("col", Query.latest(10)).versions()).singleElement()
        .extracting(HubStore.StoredVersion::version).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(s.creatorOf("col", C1)).contains(A);
  }

  @Test
  void theAuditLogIsAppendOnly() {
    JdbcHubStore s = store();
    s.audit(new HubStore.AuditEntry(1, "a", "objects.read", "col", 200, "ids"));
    assertThatThrownBy(() -> execute("UPDATE audit_log SET member = 'x'")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> execute("DELETE FROM audit_log")).isInstanceOf(SQLException.class);
    assertThat(s.auditLog(10)).singleElement().extracting(HubStore.AuditEntry::member).isEqualTo("a");
  }

  @Test
  void statusResourcesRoundTrip() {
    JdbcHubStore s = store();
    s.saveStatus("st-1", "a", "{\"id\":\"st-1\"}");
    assertThat(s.status("st-1")).hasValueSatisfying(r -> assertThat(r.member()).isEqualTo("a"));
    assertThat(s.status("nope")).isEmpty();
  }
}
