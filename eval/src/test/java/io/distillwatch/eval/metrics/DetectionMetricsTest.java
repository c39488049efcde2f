package io.distillwatch.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics' arithmetic on a hand-made truth and scan output; expected values are worked out by hand below. */
class DetectionMetricsTest {
  static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

  @TempDir Path dir;
  Truth truth;
  AccountActivity activity;
  MethodResult result;

  static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }

  @BeforeEach
  void setUp() throws IOException {
    StringBuilder accounts = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      accounts.append("\"a").append(i).append("\":{\"label\":\"distillation\",\"population\":\"hydra\",\"campaign\":\"a\"},");
    }
    accounts.append("\"d1\":{\"label\":\"distillation\",\"population\":\"heavy\",\"campaign\":\"d\"},");
    for (int i = 1; i <= 10; i++) {
      accounts.append("\"h").append(i).append("\":{\"label\":\"benign\",\"population\":\"human\",\"campaign\":null},");
    }
    accounts.append("\"e1\":{\"label\":\"benign\",\"population\":\"enterprise\",\"campaign\":null},");
    accounts.append("\"e2\":{\"label\":\"benign\",\"population\":\"enterprise\",\"campaign\":null}");
    Files.writeString(
        dir.resolve("truth.json"),
        "{\"schema_version\":1,\"split\":\"heldout\",\"campaigns\":{\"a\":{\"first_request\":\"" + iso(T0)
            + "\"},\"d\":{\"first_request\":\"" + iso(T0 + 1000) + "\"}},\"accounts\":{" + accounts + "}}");
    Path scan = Files.createDirectories(dir.resolve("scan"));
    Files.writeString(
        scan.resolve("accounts.jsonl"),
        String.join(
            "\n",
            line("a1", "distillation", iso(T0 + 100_000), "c1"),
            line("a2", "distillation", iso(T0 + 300_000), "c1"),
            line("a3", "suspicious", null, "c1"),
            line("h1", "distillation", iso(T0 + 50_000), null),
            line("h2", "suspicious", null, null),
            line("d1", "benign", null, null),
            line("e1", "benign", null, "c2"),
            line("e2", "benign", null, null),
            line("stranger", "distillation", iso(T0), null))
            + "\n");
    Files.writeString(
        scan.resolve("clusters.jsonl"),
        "{\"cluster\":\"c1\",\"accounts\":[\"a1\",\"a2\",\"a3\",\"h3\"],\"verdict\":\"distillation\"}\n"
            + "{\"cluster\":\"c2\",\"accounts\":[\"a4\",\"e1\"],\"verdict\":\"benign\"}\n");
    Files.writeString(scan.resolve("summary.json"), "{\"schema_version\":1,\"events_per_second\":1234.5}");
    Map<String, long[]> times = new HashMap<>();
    times.put("a1", new long[] {T0, T0 + 50_000, T0 + 200_000});
    times.put("a2", new long[] {T0 + 10_000, T0 + 400_000});
    times.put("a3", new long[] {T0 + 20_000});
    times.put("a4", new long[] {T0 + 30_000, T0 + 500_000});
    truth = Truth.load(dir.resolve("truth.json"));
    activity = new AccountActivity(times);
    result = DetectionMetrics.score(truth, ScanOutputReader.read("detector", scan), activity);
  }

  private static String line(String account, String verdict, String flaggedAt, String cluster) {
    return "{\"account\":\"" + account + "\",\"score\":0.5,\"verdict\":\"" + verdict + "\",\"cluster\":"
        + (cluster == null ? "null" : "\"" + cluster + "\"") + ",\"events\":1,\"first_flagged_at\":"
        + (flaggedAt == null ? "null" : "\"" + flaggedAt + "\"") + ",\"signals\":[],\"screening\":null}";
  }

  @Test
  void recallPerCampaignCountsOnlyDistillationVerdicts() {
    MethodResult.Campaign a = result.campaigns().get("a");
    assertThat(a.accounts()).isEqualTo(4);
    assertThat(a.flagged()).isEqualTo(2);
    assertThat(a.recall()).isEqualTo(0.5); // a1, a2 of 4
    assertThat(a.recallWithSuspicious()).isEqualTo(0.75); // + a3
    assertThat(result.campaigns().get("d").recall()).isEqualTo(0.0);
  }

  @Test
  void falsePositiveRatePerBenignPopulationAndPrecision() {
    assertThat(result.benign().get("human").fpr()).isEqualTo(0.1); // h1 of 10
    assertThat(result.benign().get("human").suspiciousRate()).isEqualTo(0.1); // h2
    assertThat(result.benign().get("enterprise").fpr()).isEqualTo(0.0);
    assertThat(result.maxFpr()).isEqualTo(0.1);
    // flagged known accounts: a1, a2, h1 ("stranger" is not in the truth)
    assertThat(result.flagged()).isEqualTo(3);
    assertThat(result.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(result.recall()).isCloseTo(2.0 / 5, within(1e-12));
    assertThat(result.macroRecall()).isCloseTo(0.25, within(1e-12)); // (0.5 + 0) / 2
    assertThat(result.eventsPerSecond()).isEqualTo(1234.5);
  }

  @Test
  void largestClusterShareAndPurity() {
    MethodResult.Campaign a = result.campaigns().get("a");
    assertThat(a.largestCluster()).isEqualTo("c1");
    assertThat(a.largestClusterShare()).isEqualTo(0.75); // a1, a2, a3 of 4
    assertThat(a.largestClusterPurity()).isEqualTo(0.75); // 3 of {a1, a2, a3, h3}
    MethodResult.Campaign d = result.campaigns().get("d");
    assertThat(d.largestClusterShare()).isNull(); // a one-account campaign has no cluster share
    assertThat(d.largestClusterPurity()).isNull();
  }

  @Test
  void timeToDetectAndRequestsServed() {
    MethodResult.Campaign a = result.campaigns().get("a");
    assertThat(a.secondsToFirstDetection()).isEqualTo(100.0);
    assertThat(a.secondsToHalfDetected()).isEqualTo(300.0); // 2nd of ceil(4/2) = 2 flags
    assertThat(a.requests()).isEqualTo(8L);
    // a1: 2 before its flag at +100 s; a2: 1 before +300 s; a3 and a4 never flagged: 1 + 2
    assertThat(a.requestsBeforeDetection()).isEqualTo(6L);
    // before the first flag at +100 s: a1 2, a2 1, a3 1, a4 1
    assertThat(a.requestsBeforeFirstDetection()).isEqualTo(5L);
    assertThat(result.campaigns().get("d").secondsToFirstDetection()).isNull();
  }

  @Test
  void ablationRowsShowTheirDifferenceToTheDetector() {
    // without any flags: recall 0 (−40 pp), macro 0 (−25 pp), FPR 0 (−10 pp)
    Detection none = new Detection("without cluster", Map.of(), List.of(), null, null);
    MethodResult ablated = DetectionMetrics.score(truth, none, activity);
    String md = new MetricsReport("heldout", List.of(result, ablated), List.of()).toMarkdown();
    assertThat(md).contains("| without cluster | 0.0% | -40.0 pp | 0.0% | -25.0 pp | 0.0% | -10.0 pp |");
  }

  @Test
  void reportNamesEveryMethodAndWritesFiles() throws IOException {
    MetricsReport report = new MetricsReport("heldout", List.of(result), List.of());
    Scorer.write(report, dir.resolve("out"));
    String md = Files.readString(dir.resolve("out/metrics.md"));
    assertThat(md).contains("| detector | 50.0% | 0.0% | 40.0% | 25.0% | 66.7% | 10.0% |");
    assertThat(MetricsReport.mapper().readTree(dir.resolve("out/metrics.json").toFile())
            .at("/methods/0/campaigns/a/largest_cluster_share").asDouble())
        .isEqualTo(0.75);
  }
}
