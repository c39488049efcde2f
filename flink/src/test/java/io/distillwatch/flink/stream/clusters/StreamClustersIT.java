package io.distillwatch.flink.stream.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.stream.DetectorRules;
import io.distillwatch.flink.stream.StreamRuns;
import io.distillwatch.flink.stream.StreamSettings;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.linking.ClusterIds;
import io.distillwatch.sample.SampleTraffic;
import io.distillwatch.scan.ScanRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job's cluster stage on the demo sample (24 light hydra accounts on one card, a
 * verified enterprise team on another, everyday users): the hydra is linked and convicted as a
 * cluster, its members inherit the verdict, the team is linked and left alone — at parallelism 1 and
 * 2 alike.
 */
class StreamClustersIT {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(new Configuration())
              .build());

  /** The sample's scripted harvester uses the hydra's template, so it is linked too and is the smallest id. */
  private static final String HYDRA = ClusterIds.of("acct-harvest-1");
  private static final String TEAM = ClusterIds.of("acct-team-01");
  private static List<IngestRecord> records;
  private static DetectorRules rules;
  private static Map<String, String> truth;

  @BeforeAll
  static void sample() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stream-clusters");
    SampleTraffic sample = new SampleTraffic(3);
    sample.write(dir);
    truth = sample.truth();
    ScanRequest side = new ScanRequest();
    side.accounts = dir.resolve("accounts.jsonl").toString();
    side.models = dir.resolve("models.jsonl").toString();
    rules = new DetectorRules(side);
    records = StreamRuns.records(dir.resolve("events.jsonl.gz"));
  }

  @Test
  void theHydraIsConvictedAsAClusterAndItsLightMembersWithItWhileTheEnterpriseTeamIsNot() throws Exception {
    List<VerdictChange> changes = run(1, true);

    Map<String, VerdictChange> last = lastById(changes);
    assertThat(last.get("cluster:" + HYDRA)).as("hydra cluster change").isNotNull();
    assertThat(last.get("cluster:" + HYDRA).to).isEqualTo("distillation");
    assertThat(last.get("cluster:" + HYDRA).signals).contains("elicitation.cot");
    assertThat(changes).filteredOn(c -> c.id.equals(TEAM)).extracting(c -> c.to).doesNotContain("distillation", "suspicious");

    List<VerdictChange> noLinking = run(1, false);
    Map<String, VerdictChange> alone = lastById(noLinking);
    long hydra = truth.keySet().stream().filter(a -> a.startsWith("acct-hydra-")).count();
    long convictedAlone = truth.keySet().stream()
        .filter(a -> a.startsWith("acct-hydra-"))
        .filter(a -> alone.containsKey("account:" + a) && alone.get("account:" + a).to.equals("distillation"))
        .count();
    assertThat(convictedAlone).as("hydra members are light: few are convicted on their own").isLessThan(hydra / 2);
    for (String account : truth.keySet()) {
      VerdictChange c = last.get("account:" + account);
      String verdict = c == null ? "benign" : c.to;
      if (account.startsWith("acct-hydra-")) {
        assertThat(verdict).as(account).isEqualTo("distillation");
      } else if (truth.get(account).equals("benign")) {
        assertThat(verdict).as(account).isNotEqualTo("distillation");
      }
    }
    assertThat(changes)
        .filteredOn(c -> c.kind.equals("account") && c.id.startsWith("acct-hydra-") && c.to.equals("distillation"))
        .anySatisfy(c -> assertThat(c.signals).contains("\"cluster.member\"", "member of cluster " + HYDRA));
    assertThat(changes).filteredOn(c -> c.kind.equals("account")).allSatisfy(c -> assertThat(c.seq).isPositive());
  }

  @Test
  void clusterAndAccountChangesAreTheSameAtParallelism1And2() throws Exception {
    List<VerdictChange> p1 = sorted(run(1, true));
    List<VerdictChange> p2 = sorted(run(2, true));
    assertThat(finalVerdicts(p1)).containsEntry("cluster:" + HYDRA, "distillation");
    assertThat(p2).as("every change, with its seq, score and evidence").isEqualTo(p1);
  }

  private static Map<String, VerdictChange> lastById(List<VerdictChange> changes) {
    Map<String, VerdictChange> last = new TreeMap<>();
    for (VerdictChange c : changes) {
      last.merge(c.kind + ":" + c.id, c, (a, b) -> b.seq > a.seq ? b : a);
    }
    return last;
  }

  private static List<VerdictChange> sorted(List<VerdictChange> changes) {
    List<VerdictChange> out = new ArrayList<>(changes);
    out.sort(java.util.Comparator.comparing((VerdictChange c) -> c.kind).thenComparing(c -> c.id).thenComparingLong(c -> c.seq));
    return out;
  }

  private static Map<String, String> finalVerdicts(List<VerdictChange> changes) {
    Map<String, String> out = new TreeMap<>();
    lastById(changes).forEach((id, c) -> out.put(id, c.to));
    return out;
  }

  private static List<VerdictChange> run(int parallelism, boolean linking) throws Exception {
    StreamSettings settings = new StreamSettings();
    settings.linking = linking;
    return StreamRuns.run(records, rules, settings, parallelism);
  }
}
