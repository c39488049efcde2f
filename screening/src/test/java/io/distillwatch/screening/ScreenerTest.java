package io.distillwatch.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.AccountInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScreenerTest {
  static Path listsDir;
  static Screener screener;

  @BeforeAll
  static void load() throws Exception {
    listsDir = Path.of(ScreenerTest.class.getResource("/lists").toURI());
    screener = Screener.load(listsDir, ScreeningOptions.defaults().withListDate("2022-06-01"));
  }

  static AccountInfo org(String id, String name) {
    AccountInfo a = new AccountInfo(id);
    a.orgName = name;
    return a;
  }

  @Test
  void suffixVariantsMatchTheListedCompany() {
    for (String name : List.of("Great Lakes Business Co., Ltd.", "GREAT LAKES BUSINESS GmbH",
        "great lakes business llc")) {
      ScreeningResult r = screener.screen(org("a", name));
      assertThat(r.outcome()).as(name).isEqualTo(Outcome.MATCH);
      assertThat(r.entry().id()).isEqualTo("10118");
      assertThat(r.matchedName()).isEqualTo(name);
      assertThat(r.via()).isNull();
      assertThat(r.receipt().file()).isEqualTo("csl-small.csv");
      assertThat(r.receipt().listDate()).isEqualTo("2022-06-01");
    }
  }

  @Test
  void cyrillicNameMatchesItsLatinEntry() {
    ScreeningResult r = screener.screen(org("a", "ООО «Холдинг охранных структур Волк»"));
    assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(r.entry().name()).isEqualTo("'WOLF' HOLDING OF SECURITY STRUCTURES");
    assertThat(r.reason()).contains("alias 'KHOLDING OKHRANNYKH STRUKTUR VOLK'");
    // a transliterated English loanword ("Трейдинг" -> "treyding") only comes close: review
    ScreeningResult loan = screener.screen(org("b", "ООО «Ромашка Трейдинг»"));
    assertThat(loan.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(loan.entry().name()).isEqualTo("ROMASHKA TRADING LLC");
  }

  @Test
  void chineseNamesMatchTheirPinyinAndEnglishEntries() {
    ScreeningResult huawei = screener.screen(org("a", "华为技术有限公司"));
    assertThat(huawei.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(huawei.entry().name()).isEqualTo("Huawei Technologies Co., Ltd.");
    ScreeningResult xinghe = screener.screen(org("b", "北京星河科技有限公司"));
    assertThat(xinghe.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(xinghe.entry().name()).isEqualTo("Beijing Xinghe Technology Co., Ltd.");
  }

  @Test
  void anAliasLeadsToItsPrimaryEntry() {
    ScreeningResult r = screener.screen(org("a", "Great Lakes Trading"));
    assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(r.entry().name()).isEqualTo("GREAT LAKES BUSINESS COMPANY");
    assertThat(r.reason()).contains("alias 'GREAT LAKES TRADING'");
    ScreeningResult un = screener.screen(org("b", "Great Lakes Aviation Services"));
    assertThat(un.entry().id()).isEqualTo("CDe.003");
    assertThat(un.receipt().listDate()).as("UN date from the file").isEqualTo("2026-02-27");
  }

  @Test
  void aLowQualityAliasLeadsToReviewAtMost() {
    ScreeningResult r = screener.screen(org("a", "Kivu Sky Transport"));
    assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(r.score()).isEqualTo(1.0);
    assertThat(r.reason()).contains("low quality");
  }

  @Test
  void shortNamesLeadToReviewAtMost() {
    ScreeningResult r = screener.screen(org("a", "GLBC"));
    assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(r.entry().id()).isEqualTo("10118");
  }

  @Test
  void websiteOrEmailDomainMatchesAListedDomain() {
    AccountInfo a = new AccountInfo("a");
    a.email = "buyer@romashka-trade.ru";
    ScreeningResult r = screener.screen(a);
    assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(r.matchedName()).isEqualTo("romashka-trade.ru");
    assertThat(r.entry().id()).isEqualTo("20001");
    AccountInfo free = new AccountInfo("b");
    free.email = "someone@gmail.com";
    assertThat(screener.screen(free).outcome()).isEqualTo(Outcome.NO_MATCH);
  }

  @Test
  void aDomainWhoseNameIsAListedNameIsReviewNotMatch() {
    AccountInfo a = new AccountInfo("a");
    a.website = "https://www.great-lakes-trading.com/about";
    ScreeningResult r = screener.screen(a);
    assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(r.entry().id()).isEqualTo("10118");
    assertThat(r.matchedName()).isEqualTo("great-lakes-trading.com");
    assertThat(r.reason()).contains("domain name alone");
    AccountInfo shortLabel = new AccountInfo("b");
    shortLabel.email = "x@glbc.com";
    assertThat(screener.screen(shortLabel).outcome()).isEqualTo(Outcome.NO_MATCH);
  }

  @Test
  void countryIsSupportingEvidence() {
    AccountInfo same = org("a", "Great Lakes Busines Company");
    same.country = "CD";
    AccountInfo other = org("b", "Great Lakes Busines Company");
    other.country = "DE";
    AccountInfo unknown = org("c", "Great Lakes Busines Company");
    double s = screener.screen(same).score();
    double o = screener.screen(other).score();
    double u = screener.screen(unknown).score();
    assertThat(s).isGreaterThan(u);
    assertThat(o).isLessThan(u);
    assertThat(screener.screen(same).reason()).contains("country CD agrees");
  }

  @Test
  void unrelatedNamesAreNoMatchWithTheReceiptOfEveryList() {
    ScreeningResult r = screener.screen(org("a", "Northwind Analytics LLC"));
    assertThat(r.outcome()).isEqualTo(Outcome.NO_MATCH);
    assertThat(r.entry()).isNull();
    assertThat(r.matchedName()).isNull();
    assertThat(r.receipt().file()).isEqualTo("csl-small.csv; un-small.xml");
    assertThat(r.receipt().sha256().split("; ")).hasSize(2);
  }

  @Test
  void thresholdsAreConfigurable() {
    AccountInfo a = org("a", "Great Lakes Business Holdings");
    ScreeningResult byDefault = screener.screen(a);
    assertThat(byDefault.score()).isBetween(0.5, 0.95);
    ScreeningOptions strict = ScreeningOptions.defaults()
        .with("review_threshold", String.valueOf(byDefault.score() + 0.01))
        .with("match_threshold", "0.99");
    ScreeningOptions lax = ScreeningOptions.defaults()
        .with("review_threshold", "0.3")
        .with("match_threshold", String.valueOf(byDefault.score() - 0.01));
    assertThat(Screener.of(screener.lists(), strict).screen(a).outcome()).isEqualTo(Outcome.NO_MATCH);
    assertThat(Screener.of(screener.lists(), lax).screen(a).outcome()).isEqualTo(Outcome.MATCH);
    assertThatThrownBy(() -> ScreeningOptions.defaults().with("review_threshold", "0.99"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreeningOptions.defaults().with("no_such_key", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aListedOwnerUpAMajorityChainIsAMatchShowingTheChain() {
    AccountInfo sub = org("acct-sub", "Blue Harbor Data Ltd");
    sub.parentOrg = "Blue Harbor Holdings";
    sub.ownershipPct = 60.0;
    AccountInfo mid = org("acct-mid", "Blue Harbor Holdings");
    mid.parentOrg = "Great Lakes Business Company";
    mid.ownershipPct = 80.0;
    List<ScreeningResult> results = screener.screenAll(List.of(sub, mid));
    ScreeningResult r = results.stream().filter(x -> x.account().equals("acct-sub")).findFirst().orElseThrow();
    assertThat(r.outcome()).isEqualTo(Outcome.MATCH);
    assertThat(r.via()).containsExactly("Blue Harbor Data Ltd", "Blue Harbor Holdings",
        "Great Lakes Business Company");
    assertThat(r.entry().id()).isEqualTo("10118");
    assertThat(r.matchedName()).isEqualTo("Great Lakes Business Company");
    assertThat(r.reason()).contains("60%").contains("80%");
  }

  @Test
  void aListedOwnerWithAMinorityOrUnknownShareIsReview() {
    AccountInfo minority = org("a", "Blue Harbor Data Ltd");
    minority.parentOrg = "Great Lakes Business Company";
    minority.ownershipPct = 30.0;
    ScreeningResult r = screener.screen(minority);
    assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(r.via()).containsExactly("Blue Harbor Data Ltd", "Great Lakes Business Company");
    AccountInfo unknown = org("b", "Blue Harbor Data Ltd");
    unknown.parentOrg = "Great Lakes Business Company";
    assertThat(screener.screen(unknown).outcome()).isEqualTo(Outcome.REVIEW);
  }

  @Test
  void ownershipCyclesEnd() {
    AccountInfo a = org("a", "Alpha Widgets");
    a.parentOrg = "Beta Widgets";
    a.ownershipPct = 100.0;
    AccountInfo b = org("b", "Beta Widgets");
    b.parentOrg = "Alpha Widgets";
    b.ownershipPct = 100.0;
    assertThat(screener.screenAll(List.of(a, b))).extracting(ScreeningResult::outcome)
        .containsOnly(Outcome.NO_MATCH);
  }

  @Test
  void majorityOwnershipFromARestrictedJurisdictionFollowsThePolicy(@TempDir Path dir)
      throws Exception {
    Path policyFile = dir.resolve("policy.properties");
    Files.writeString(policyFile, "restricted_jurisdictions=CN, Iran\nmajority_threshold_pct=50\n"
        + "restricted_owner_outcome=review\n");
    Screener s = Screener.of(screener.lists(),
        ScreeningOptions.defaults().withPolicy(OwnershipPolicy.fromFile(policyFile)));
    AccountInfo parent = org("p", "Eastern Holdings Group");
    parent.country = "CN";
    AccountInfo owned = org("a", "Westside Robotics GmbH");
    owned.country = "DE";
    owned.parentOrg = "Eastern Holdings Group";
    owned.ownershipPct = 51.0;
    AccountInfo half = org("b", "Halfway Robotics GmbH");
    half.parentOrg = "Eastern Holdings Group";
    half.ownershipPct = 50.0;
    List<ScreeningResult> results = s.screenAll(List.of(parent, owned, half));
    ScreeningResult r = results.stream().filter(x -> x.account().equals("a")).findFirst().orElseThrow();
    assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
    assertThat(r.entry()).isNull();
    assertThat(r.via()).containsExactly("Westside Robotics GmbH", "Eastern Holdings Group");
    assertThat(r.receipt().file()).isEqualTo("policy.properties");
    assertThat(r.reason()).contains("CN").contains("restricted");
    ScreeningResult h = results.stream().filter(x -> x.account().equals("b")).findFirst().orElseThrow();
    assertThat(h.outcome()).as("50% is not more than 50%").isEqualTo(Outcome.NO_MATCH);
    // without a policy file no jurisdiction is restricted
    assertThat(screener.screenAll(List.of(parent, owned))).extracting(ScreeningResult::outcome)
        .containsOnly(Outcome.NO_MATCH);
  }

  @Test
  void policyFilesWithUnknownKeysOrCountriesAreRefused(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("p.properties");
    Files.writeString(bad, "restricted_jurisdiction=CN\n");
    assertThatThrownBy(() -> OwnershipPolicy.fromFile(bad)).hasMessageContaining("unknown key");
    Files.writeString(bad, "restricted_jurisdictions=Atlantis\n");
    assertThatThrownBy(() -> OwnershipPolicy.fromFile(bad)).hasMessageContaining("Atlantis");
  }

  @Test
  void resultSerialisesToExactlyTheDesignObject() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode n = json.readTree(json.writeValueAsString(screener.screen(org("a", "Great Lakes Trading"))));
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("account", "outcome", "score", "matched_name", "entry", "via",
        "reason", "receipt");
    List<String> entryFields = new ArrayList<>();
    n.get("entry").fieldNames().forEachRemaining(entryFields::add);
    assertThat(entryFields).containsExactly("list", "id", "name", "country");
    List<String> receiptFields = new ArrayList<>();
    n.get("receipt").fieldNames().forEachRemaining(receiptFields::add);
    assertThat(receiptFields).containsExactly("file", "sha256", "list_date");
    assertThat(n.get("outcome").asText()).isEqualTo("match");
    assertThat(n.get("via").isNull()).isTrue();
    JsonNode none = json.readTree(json.writeValueAsString(screener.screen(org("b", "Zzyzx"))));
    assertThat(none.get("outcome").asText()).isEqualTo("no_match");
    assertThat(none.get("entry").isNull()).isTrue();
  }

  @Test
  void screenAllSortsByScoreThenAccount() {
    List<ScreeningResult> r = screener.screenAll(List.of(org("z", "Northwind Analytics"),
        org("b", "Great Lakes Business Company"), org("a", "Great Lakes Business Company"),
        org("m", "Great Lakes Busines Compny")));
    assertThat(r).extracting(ScreeningResult::account).containsExactly("a", "b", "m", "z");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void caseSpacingPunctuationAndLegalFormsNeverChangeTheEntry(long seed) {
    Random r = new Random(seed);
    String[] forms = {"", " LLC", " Co., Ltd.", " GmbH", " JSC", " S.A.", " Limited"};
    for (String base : List.of("Great Lakes Business Company", "Huawei Technologies",
        "Romashka Trading", "Korea Ryonbong General Corporation")) {
      StringBuilder b = new StringBuilder();
      for (char c : base.toCharArray()) {
        b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        if (c == ' ' && r.nextInt(4) == 0) {
          b.append(r.nextBoolean() ? "- " : ", ");
        }
      }
      String name = b + forms[r.nextInt(forms.length)];
      ScreeningResult res = screener.screen(org("x", name));
      assertThat(res.outcome()).as("seed %d name %s", seed, name).isEqualTo(Outcome.MATCH);
      assertThat(res.entry()).as("seed %d name %s", seed, name).isNotNull();
      assertThat(res.entry().name().toLowerCase()).as("seed %d name %s", seed, name)
          .contains(base.toLowerCase().split(" ")[0]);
    }
  }
}
