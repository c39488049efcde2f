package io.distillwatch.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.detect.Detector;
import io.distillwatch.event.UsageEvent;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AccountStateSerializerTest {
  private final Detector detector = new Detector(DetectionContext.defaults());

  private AccountState stateWithEvents(int n) {
    AccountState s = detector.newState("acct-1");
    for (int i = 0; i < n; i++) {
      UsageEvent e = new UsageEvent();
      e.account = "acct-1";
      e.ts = 1_700_000_000_000L + i * 1000L;
      e.requestId = "r" + i;
      e.userText = "Explain step by step how to solve problem " + i;
      e.userTurns = 1;
      e.maxTokens = 4096;
      e.outputTokens = 4000L;
      e.inputTokens = 100L;
      detector.update(s, e);
    }
    return s;
  }

  private static byte[] bytes(AccountState s) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    AccountStateSerializer.INSTANCE.serialize(s, out);
    return out.getCopyOfBuffer();
  }

  @Test
  void roundTripKeepsTheStateAndItsAssessment() throws Exception {
    AccountState s = stateWithEvents(50);
    byte[] b = bytes(s);
    AccountState back = AccountStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(b));
    assertThat(back.account()).isEqualTo("acct-1");
    assertThat(back.events()).isEqualTo(50);
    assertThat(detector.assess(back)).isEqualTo(detector.assess(s));
    assertThat(bytes(back)).isEqualTo(b);
  }

  @Test
  void copyIsIndependentOfTheOriginal() throws Exception {
    AccountState s = stateWithEvents(3);
    AccountState copy = AccountStateSerializer.INSTANCE.copy(s);
    UsageEvent e = new UsageEvent();
    e.account = "acct-1";
    e.ts = 1_800_000_000_000L;
    e.userText = "more";
    detector.update(s, e);
    assertThat(copy.events()).isEqualTo(3);
    assertThat(s.events()).isEqualTo(4);
  }

  @Test
  void snapshotRestoresTheSameSerializer() {
    assertThat(AccountStateSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
        .isSameAs(AccountStateSerializer.INSTANCE);
  }
}
