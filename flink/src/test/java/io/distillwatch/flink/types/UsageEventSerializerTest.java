package io.distillwatch.flink.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import java.util.HexFormat;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The buffered-event layout is a storage format: its bytes are pinned, its snapshot round-trips. */
class UsageEventSerializerTest {
  static UsageEvent sample() {
    UsageEvent e = new UsageEvent();
    e.ts = 1_700_000_000_123L;
    e.requestId = "req-1";
    e.account = "acct-é";
    e.model = "m";
    e.asn = 16509L;
    e.userText = "Explain";
    e.userTurns = 1;
    e.temperature = 1.0;
    e.logprobs = Boolean.FALSE;
    e.outputTokens = 42L;
    return e;
  }

  /**
   * Layout 1. If this fails, the core codec changed: buffered events in existing checkpoints would be
   * misread. Add layout 2 to {@link UsageEventSerializer} (reading layout 1 on restore) before
   * updating these bytes.
   */
  @Test
  void layoutOneBytesArePinned() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    UsageEventSerializer.INSTANCE.serialize(sample(), out);
    assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer()))
        .isEqualTo(EXPECTED);
    UsageEvent back =
        UsageEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).usingRecursiveComparison().isEqualTo(sample());
  }

  @Test
  void theSnapshotRecordsTheLayoutAndAcceptsOnlyTheSame() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, UsageEventSerializer.INSTANCE.snapshotConfiguration());
    TypeSerializerSnapshot<UsageEvent> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isSameAs(UsageEventSerializer.INSTANCE);
    assertThat(
            UsageEventSerializer.INSTANCE
                .snapshotConfiguration()
                .resolveSchemaCompatibility(read)
                .isCompatibleAsIs())
        .isTrue();
    assertThat(
            UsageEventSerializer.INSTANCE
                .snapshotConfiguration()
                .resolveSchemaCompatibility(
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(UsageEvent.class)
                        .createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl())
                        .snapshotConfiguration()))
        .extracting(TypeSerializerSchemaCompatibility::isIncompatible)
        .isEqualTo(true);
  }

  private static final String EXPECTED =
      "0204a80b0000018bcfe5687b000000010000000000000000000000000000000000000005"
          + "7265712d31fffffff90007616363742dc3a9000000016d000000074578706c61696e0000"
          + "00000000407d3ff000000000000000000000000000002a";
}
