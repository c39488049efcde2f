package io.distillwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.AccountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixedListsTest {
  static Screener load() throws Exception {
    return Screener.load(Path.of(MixedListsTest.class.getResource("/lists-mixed").toURI()),
        ScreeningOptions.defaults().withListDate("2026-11-30"));
  }

  static AccountInfo org(String id, String name) {
    AccountInfo a = new AccountInfo(id);
    a.orgName = name;
    return a;
  }

  @Test
  void aPartyOnSeveralListsIsReportedOnceWithAllItsSources() throws Exception {
    ScreeningResult r = load().screen(org("a", "Great Lakes Business Co"));
    assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(r.entry().list().split("; ")).containsExactly(
        "Specially Designated Nationals (SDN) - Treasury Department",
        "OpenSanctions: us_ofac_sdn",
        "Specially Designated Nationals (SDN) - Treasury Department");
    assertThat(r.entry().id().split("; ")).containsExactly("10118", "NK-glbc", "10118");
    assertThat(r.receipt().file()).isEqualTo("csl-small.csv; entities.ftm.json; sdn.csv; alt.csv; add.csv");
  }

  @Test
  void namesFromEveryFormatAreScreened() throws Exception {
    Screener s = load();
    ScreeningResult cyrillic = s.screen(org("b", "ООО «Волга Дата Системс»"));
    assertThat(cyrillic.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(cyrillic.entry().id()).isEqualTo("NK-volga");
    ScreeningResult spaced = s.screen(org("c", "Shipping Lines of the North Sea, S A DE C V"));
    assertThat(spaced.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(spaced.entry().id()).isEqualTo("36001");
    ScreeningResult arabic = s.screen(org("d", "Mohammed Yousef Al-Rashid"));
    assertThat(arabic.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(arabic.entry().id()).isEqualTo("36002");
  }

  @Test
  void otherMembersOfAClusterWithAListedAccountGetReviewNamingClusterAndAccount() throws Exception {
    Screener s = load();
    Map<String, ScreeningResult> results = new java.util.HashMap<>();
    for (ScreeningResult r : s.screenAll(List.of(org("listed", "Great Lakes Business Company"),
        org("front", "Blue Harbor Data Ltd"), org("own", "Volga Data Systems"),
        org("elsewhere", "Northwind Robotics")))) {
      results.put(r.account(), r);
    }
    Map<String, ScreeningResult> out = ClusterAffiliation.apply(results,
        Map.of("c-1", List.of("listed", "front", "own"), "c-2", List.of("elsewhere")));
    ScreeningResult front = out.get("front");
    assertThat(front.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(front.viaJson()).isEqualTo(new ScreeningResult.ClusterVia("c-1", "listed"));
    assertThat(front.reason()).contains("c-1").contains("listed").contains("not a legal finding");
    assertThat(out.get("own")).isSameAs(results.get("own")); // its own match stays
    assertThat(out.get("listed")).isSameAs(results.get("listed"));
    assertThat(out.get("elsewhere").outcome()).isEqualTo(Outcome.NO_MATCH);
    String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(front);
    assertThat(json).contains("\"via\":{\"cluster\":\"c-1\",\"account\":\"listed\"}");
  }
}
