package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScreenCommandTest {
  private static final String HEADER =
      "_id,source,entity_number,type,name,addresses,alt_names,ids\n";

  @TempDir Path dir;
  Path lists;
  Path accounts;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void files() throws Exception {
    lists = Files.createDirectories(dir.resolve("lists"));
    Files.writeString(lists.resolve("csl.csv"), HEADER
        + "10118,Specially Designated Nationals (SDN) - Treasury Department,10118,Entity,"
        + "GREAT LAKES BUSINESS COMPANY,\"Goma, CD\",GLBC; GREAT LAKES TRADING,\n"
        + "x1,Entity List (EL) - Bureau of Industry and Security,,,\"Huawei Technologies Co., Ltd.\","
        + "\"Shenzhen, CN\",,\"huawei.com, Website\"\n"
        + "broken,row\n");
    accounts = dir.resolve("accounts.jsonl");
    Files.writeString(accounts, String.join("\n",
        "{\"account\":\"acct-3\",\"org_name\":\"Northwind Analytics LLC\",\"country\":\"US\"}",
        "{\"account\":\"acct-1\",\"org_name\":\"Great Lakes Trading Co., Ltd.\",\"country\":\"CD\"}",
        "{\"account\":\"acct-2\",\"org_name\":\"Blue Harbor Ltd\",\"parent_org\":\"GREAT LAKES BUSINESS COMPANY\",\"ownership_pct\":75}",
        "{\"account\":\"acct-4\",\"email\":\"dev@huawei.com\"}",
        "not json",
        ""));
  }

  int run(String... args) {
    CommandLine cl = new CommandLine(new ScreenCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesScreeningJsonlSortedByScoreThenAccount() throws Exception {
    Path outDir = dir.resolve("out");
    int code = run("--accounts", accounts.toString(), "--lists", lists.toString(), "--out",
        outDir.toString(), "--list-date", "2022-06-01");
    assertThat(code).as(err.toString()).isEqualTo(0);
    List<String> lines = Files.readAllLines(outDir.resolve("screening.jsonl"));
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = lines.stream().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception e) {
        throw new AssertionError(l, e);
      }
    }).toList();
    assertThat(rows).extracting(r -> r.get("account").asText())
        .containsExactly("acct-1", "acct-2", "acct-4", "acct-3");
    JsonNode first = rows.get(0);
    assertThat(first.get("outcome").asText()).isEqualTo("match");
    assertThat(first.get("entry").get("id").asText()).isEqualTo("10118");
    assertThat(first.get("receipt").get("list_date").asText()).isEqualTo("2022-06-01");
    assertThat(first.get("receipt").get("file").asText()).isEqualTo("csl.csv");
    assertThat(rows.get(1).get("via").size()).isEqualTo(2);
    assertThat(rows.get(2).get("matched_name").asText()).isEqualTo("huawei.com");
    assertThat(rows.get(3).get("outcome").asText()).isEqualTo("no_match");
    assertThat(err.toString()).contains("csl.csv: 1 rows skipped").contains("line 4: wrong_field_count").contains("line 5: invalid_json")
        .contains("accounts: 1 lines skipped");
    assertThat(out.toString()).contains("4 accounts screened").contains("never a legal clearance");
  }

  @Test
  void missingOptionsAreAUsageError() {
    assertThat(run("--lists", lists.toString())).isEqualTo(2);
    assertThat(run("--accounts", accounts.toString(), "--lists", lists.toString(), "--list-date",
        "June")).isEqualTo(2);
    assertThat(run("--no-such-option")).isEqualTo(2);
  }

  @Test
  void unreadableInputsExitWith3() {
    assertThat(run("--accounts", dir.resolve("nope.jsonl").toString(), "--lists", lists.toString()))
        .isEqualTo(3);
    assertThat(run("--accounts", accounts.toString(), "--lists", dir.resolve("none").toString()))
        .isEqualTo(3);
  }

  @Test
  void policyFileTurnsRestrictedMajorityOwnershipIntoReview() throws Exception {
    Path policy = dir.resolve("policy.properties");
    Files.writeString(policy, "restricted_jurisdictions=CN\n");
    Files.writeString(accounts, String.join("\n",
        "{\"account\":\"p\",\"org_name\":\"Eastern Holdings\",\"country\":\"CN\"}",
        "{\"account\":\"s\",\"org_name\":\"Westside Robotics\",\"parent_org\":\"Eastern Holdings\",\"ownership_pct\":90}"));
    Path outDir = dir.resolve("o");
    assertThat(run("--accounts", accounts.toString(), "--lists", lists.toString(), "--out",
        outDir.toString(), "--policy", policy.toString())).isEqualTo(0);
    String first = Files.readAllLines(outDir.resolve("screening.jsonl")).get(0);
    assertThat(first).contains("\"account\":\"s\"").contains("\"outcome\":\"review\"")
        .contains("\"file\":\"policy.properties\"");
  }

  @Test
  void diffListsAddedRemovedAndChangedEntries() throws Exception {
    Path oldF = dir.resolve("old.csv");
    Path newF = dir.resolve("new.csv");
    Files.writeString(oldF, HEADER
        + "1,SDN,1,Entity,ALPHA,\"Moscow, RU\",,\n2,SDN,2,Entity,BETA,,,\n");
    Files.writeString(newF, HEADER
        + "1,SDN,1,Entity,ALPHA,\"Minsk, BY\",,\n3,SDN,3,Entity,GAMMA,,,\n");
    assertThat(run("diff", oldF.toString(), newF.toString())).isEqualTo(0);
    assertThat(out.toString())
        .contains("\"change\":\"added\",\"list\":\"SDN\",\"id\":\"3\"")
        .contains("\"change\":\"removed\",\"list\":\"SDN\",\"id\":\"2\"")
        .contains("\"change\":\"changed\",\"list\":\"SDN\",\"id\":\"1\"")
        .contains("\"fields\":[\"countries\"]");
    assertThat(err.toString()).contains("1 added, 1 removed, 1 changed");
    assertThat(run("diff", oldF.toString(), dir.resolve("missing.csv").toString())).isEqualTo(3);
  }
}
