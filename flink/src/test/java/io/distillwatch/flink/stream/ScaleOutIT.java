package io.distillwatch.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.sample.SampleTraffic;
import io.distillwatch.scan.ScanRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole streaming pipeline on a MiniCluster: verdict changes are the same at parallelism 1 and 2,
 * with uniform and skewed accounts, out-of-order arrival within the bound, and equal to the changes
 * computed by applying each account's events in event-time order without Flink.
 */
class ScaleOutIT {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .setConfiguration(new Configuration())
              .build());

  private static final OrderProbeRules RULES = new OrderProbeRules(7);

  @ParameterizedTest(name = "seed {0}, skew {1}")
  @CsvSource({"1, 0.0", "2, 0.6", "3, 0.95"})
  void parallelismDoesNotChangeVerdicts(long seed, double skew) throws Exception {
    List<UsageEvent> events = Probe.traffic(seed, 6000, 40, skew, 3000);
    List<VerdictChange> expected = Probe.expected(RULES, events);

    List<VerdictChange> p1 = run(events, 1);
    List<VerdictChange> p2 = run(events, 2);

    assertThat(expected).as("seed %s produces changes", seed).hasSizeGreaterThan(100);
    assertThat(p1).as("parallelism 1, seed %s", seed).isEqualTo(expected);
    assertThat(p2).as("parallelism 2, seed %s", seed).isEqualTo(expected);
  }

  @Test
  void theCoreDetectorGivesTheSameChangesAtParallelism1And2OnTheDemoSample() throws Exception {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stream-sample");
    new SampleTraffic(1).write(dir);
    ScanRequest side = new ScanRequest();
    side.accounts = dir.resolve("accounts.jsonl").toString();
    side.models = dir.resolve("models.jsonl").toString();
    DetectorRules rules = new DetectorRules(side);
    List<IngestRecord> records = StreamRuns.records(dir.resolve("events.jsonl.gz"));
    List<VerdictChange> p1 = Probe.sorted(StreamRuns.run(records, rules, new StreamSettings(), 1));
    List<VerdictChange> p2 = Probe.sorted(StreamRuns.run(records, rules, new StreamSettings(), 2));
    assertThat(p1).as("the sample's campaigns change verdicts").isNotEmpty();
    assertThat(p1).extracting(c -> c.to).contains("distillation");
    assertThat(p2).isEqualTo(p1);
  }

  private static List<VerdictChange> run(List<UsageEvent> events, int parallelism) throws Exception {
    List<IngestRecord> records = new ArrayList<>();
    for (UsageEvent e : events) {
      IngestRecord r = new IngestRecord();
      r.event = e;
      records.add(r);
    }
    StreamSettings settings = new StreamSettings();
    settings.outOfOrderness = Duration.ofSeconds(3);
    return Probe.sorted(StreamRuns.run(records, RULES, settings, parallelism));
  }
}
