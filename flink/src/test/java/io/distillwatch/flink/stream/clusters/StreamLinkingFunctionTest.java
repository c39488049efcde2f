package io.distillwatch.flink.stream.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.linking.AccountEvidence;
import io.distillwatch.linking.LinkKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The global linking operator on the operator harness: ordering by event time, snapshot and restore. */
class StreamLinkingFunctionTest {
  private static KeyedOneInputStreamOperatorTestHarness<Integer, EvidenceUpdate, ClusterControl> harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new StreamLinkingFunction<>(new OrderProbeRules(1))), u -> 0, Types.INT);
  }

  private static List<EvidenceUpdate> updates(long seed, int n) {
    Random random = new Random(seed);
    List<EvidenceUpdate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String account = "acct-" + random.nextInt(300);
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put(LinkKind.PAYMENT_FP.key("card-" + random.nextInt(250)), "card");
      keys.put(LinkKind.IP_PREFIX.key("10.1." + random.nextInt(40) + ".0/24"), "prefix");
      keys.put(LinkKind.SYSTEM_PROMPT.key("sys-" + random.nextInt(30)), "system");
      out.add(new EvidenceUpdate(1000L * (1 + i / 10), new AccountEvidence(account, keys)));
    }
    return out;
  }

  private static void send(KeyedOneInputStreamOperatorTestHarness<Integer, EvidenceUpdate, ClusterControl> h,
      EvidenceUpdate u) throws Exception {
    h.processElement(new StreamRecord<>(u, u.at));
  }

  private static List<String> describe(List<ClusterControl> controls) {
    List<String> out = new ArrayList<>();
    for (ClusterControl c : controls) {
      out.add(c.type + " " + c.lineage + " " + c.account + " " + c.clusterId + " " + c.size + " " + c.at);
    }
    return out;
  }

  @Test
  void updatesWithinOneTimeAreAppliedInAccountOrderWhateverTheArrivalOrder() throws Exception {
    List<EvidenceUpdate> updates = updates(5, 400);
    var inOrder = harness();
    inOrder.open();
    for (EvidenceUpdate u : updates) {
      send(inOrder, u);
    }
    inOrder.processWatermark(Long.MAX_VALUE);

    List<EvidenceUpdate> shuffled = new ArrayList<>(updates);
    // shuffle only within each event time: what a second upstream channel does
    shuffled.sort(java.util.Comparator.comparingLong((EvidenceUpdate u) -> u.at)
        .thenComparing(u -> Integer.toHexString(u.evidence.account.hashCode() * 31)));
    var reordered = harness();
    reordered.open();
    for (EvidenceUpdate u : shuffled) {
      send(reordered, u);
    }
    reordered.processWatermark(Long.MAX_VALUE);

    assertThat(inOrder.extractOutputValues()).as("the linker merged accounts").hasSizeGreaterThan(100);
    assertThat(describe(reordered.extractOutputValues())).isEqualTo(describe(inOrder.extractOutputValues()));
    inOrder.close();
    reordered.close();
  }

  @Test
  void aSnapshotRestoresTheLinkerAndItsBufferedUpdates() throws Exception {
    List<EvidenceUpdate> updates = updates(9, 600);
    var uninterrupted = harness();
    uninterrupted.open();
    for (EvidenceUpdate u : updates) {
      send(uninterrupted, u);
    }
    uninterrupted.processWatermark(Long.MAX_VALUE);
    List<ClusterControl> expected = uninterrupted.extractOutputValues();
    uninterrupted.close();

    var first = harness();
    first.open();
    for (int i = 0; i < 350; i++) {
      send(first, updates.get(i));
    }
    first.processWatermark(updates.get(300).at - 1); // updates 300..349 are still buffered
    List<ClusterControl> out = new ArrayList<>(first.extractOutputValues());
    OperatorSubtaskState snapshot = first.snapshot(1, 1);
    first.close();

    var restored = harness();
    restored.initializeState(snapshot);
    restored.open();
    for (int i = 350; i < updates.size(); i++) {
      send(restored, updates.get(i));
    }
    restored.processWatermark(Long.MAX_VALUE);
    out.addAll(restored.extractOutputValues());
    restored.close();

    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(describe(out)).isEqualTo(describe(expected));
  }
}
