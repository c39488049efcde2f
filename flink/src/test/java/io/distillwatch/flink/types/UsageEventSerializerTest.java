package io.distillwatch.flink.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import java.util.HexFormat;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The buffered-event layout is a storage format: its bytes are pinned per layout, its snapshot
 * round-trips, and state written with layout 1 (before the turn keys) still restores.
 */
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
    e.turnKey = 0x0102030405060708L;
    e.priorTurnKey = 9L;
    return e;
  }

  /**
   * Layout 2. If this fails, the core codec changed: buffered events in existing checkpoints would be
   * misread. Add layout 3 to {@link UsageEventSerializer} (reading layout 2 on restore) before
   * updating these bytes.
   */
  @Test
  void layoutTwoBytesArePinned() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    UsageEventSerializer.INSTANCE.serialize(sample(), out);
    assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer())).isEqualTo(LAYOUT_2);
    UsageEvent back =
        UsageEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back).usingRecursiveComparison().isEqualTo(sample());
  }

  @Test
  void stateWrittenWithLayoutOneRestoresWithNoTurnKeysAndMigrates() throws Exception {
    // what the layout-1 build wrote: its serializer snapshot, then the events in state
    DataOutputSerializer snapshot = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, UsageEventSerializer.ofLayout(1).snapshotConfiguration());
    TypeSerializerSnapshot<UsageEvent> old =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(snapshot.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(UsageEventSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old))
        .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
        .isEqualTo(true);
    TypeSerializer<UsageEvent> restore = old.restoreSerializer();
    assertThat(restore).isNotEqualTo(UsageEventSerializer.INSTANCE);
    UsageEvent read = restore.deserialize(new DataInputDeserializer(HexFormat.of().parseHex(LAYOUT_1)));
    UsageEvent expected = sample();
    expected.turnKey = 0;
    expected.priorTurnKey = 0;
    assertThat(read).usingRecursiveComparison().isEqualTo(expected);
    DataOutputSerializer rewritten = new DataOutputSerializer(64);
    restore.serialize(read, rewritten);
    assertThat(HexFormat.of().formatHex(rewritten.getCopyOfBuffer())).isEqualTo(LAYOUT_1);
  }

  @Test
  void theSnapshotRecordsTheLayoutAndAcceptsOnlyTheSameOrAnOlderOne() throws Exception {
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
            UsageEventSerializer.ofLayout(1)
                .snapshotConfiguration()
                .resolveSchemaCompatibility(read)
                .isIncompatible())
        .as("a build that reads layout 1 only cannot restore layout 2")
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

  /** {@link #sample()} as the layout-1 build wrote it (no turn keys). */
  private static final String LAYOUT_1 =
      "0204a80b0000018bcfe5687b000000010000000000000000000000000000000000000005"
          + "7265712d31fffffff90007616363742dc3a9000000016d000000074578706c61696e0000"
          + "00000000407d3ff000000000000000000000000000002a";

  /** {@link #sample()} in layout 2: the turn keys follow the block counts. */
  private static final String LAYOUT_2 =
      "0204a80b0000018bcfe5687b0000000100000000000000000000000000000000"
          + "01020304050607080000000000000009"
          + "000000057265712d31fffffff90007616363742dc3a9000000016d000000074578706c61696e0000"
          + "00000000407d3ff000000000000000000000000000002a";
}
