package io.distillwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.testing.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountState}'s checkpoint layout, pinned by golden files of every version it reads
 * ({@code golden/account-state-v1.bin}, {@code -v2.bin}, {@code -v3.bin}): a checkpoint written by an
 * earlier release restores after an upgrade. {@code account-state-v1.bin} was written by the version-1 writer itself
 * (the core of commit a27d8cc^, the same six events).
 */
class AccountStateGoldenTest {
  @Test
  void theCurrentVersionHasAGoldenFileThatReadsAndWritesBackByteForByte() throws IOException {
    byte[] golden = goldenOfCurrentVersion();

    AccountState read = read(golden);

    assertThat(read.account()).isEqualTo("acct-golden");
    assertThat(read.events()).isEqualTo(6);
    assertThat(read.ips()).containsExactlyInAnyOrder("203.0.113.7", "198.51.100.20");
    assertThat(write(read)).isEqualTo(golden);
  }

  @Test
  void version1CheckpointsStillRestoreWithNoExactAddresses() throws IOException {
    AccountState current = read(GoldenFiles.read("account-state-v2.bin"));

    AccountState v1 = read(GoldenFiles.read("account-state-v1.bin"));

    assertThat(v1.account()).isEqualTo(current.account());
    assertThat(v1.events()).isEqualTo(current.events());
    assertThat(v1.ipPrefixes()).isEqualTo(current.ipPrefixes());
    assertThat(v1.ips()).isEmpty();
    assertThat(write(v1)[0]).as("rewritten in the current version").isEqualTo(AccountState.VERSION);
  }

  @Test
  void version2CheckpointsStillRestoreWithNoIssue14Counters() throws IOException {
    byte[] v2Golden = GoldenFiles.read("account-state-v2.bin");
    AccountState current = read(GoldenFiles.read("account-state-v3.bin"));
    assertThat(current.promptSample()).as("the v3 golden file holds a prompt sample").isNotEmpty();

    AccountState v2 = read(v2Golden);

    assertThat(v2.account()).isEqualTo(current.account());
    assertThat(v2.events()).isEqualTo(current.events());
    assertThat(v2.ipPrefixes()).isEqualTo(current.ipPrefixes());
    assertThat(v2.ips()).isEqualTo(current.ips());
    assertThat(v2.promptSample()).isEmpty();
    assertThat(v2.conversations).isNull();
    assertThat(new long[] {v2.maxTokensJudged, v2.maxTokensOverlimit, v2.maxTokensAsked, v2.purposeEvents,
        v2.historyJudged, v2.historyObserved, v2.toolHistoryJudged, v2.toolHistoryObserved}).containsOnly(0L);
    assertThat(write(v2, 2)).as("the v2 layout reads and writes back unchanged").isEqualTo(v2Golden);
    assertThat(write(v2)[0]).as("rewritten in the current version").isEqualTo(AccountState.VERSION);
  }

  /** The fixed traffic the golden files hold; writes the file of a new version (see GoldenFiles). */
  private static byte[] goldenOfCurrentVersion() throws IOException {
    Detector detector = new Detector(Traffic.context(Map.of(), Map.of(), null));
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      events.add(Traffic.event("acct-golden", Traffic.T0 + i * Traffic.MIN,
          "Explain step by step how to solve problem " + i + " and show your reasoning.", e -> {
            e.ip = n % 2 == 0 ? "203.0.113.7" : "198.51.100.20";
            e.model = "frontier-1";
            e.maxTokens = 4096;
            e.outputTokens = 900L;
            e.inputTokens = 40L;
          }));
    }
    String name = "account-state-v" + AccountState.VERSION + ".bin";
    byte[] fresh = write(Traffic.run(detector, events));
    GoldenFiles.assertSame(name, write(read(fresh)));
    return GoldenFiles.read(name);
  }

  private static AccountState read(byte[] bytes) throws IOException {
    return AccountState.read(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  private static byte[] write(AccountState s) throws IOException {
    return write(s, AccountState.VERSION);
  }

  private static byte[] write(AccountState s, int version) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.write(new DataOutputStream(out), version);
    return out.toByteArray();
  }
}
