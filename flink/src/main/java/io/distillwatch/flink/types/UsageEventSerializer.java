package io.distillwatch.flink.types;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link UsageEvent} delegating to the core {@link UsageEventCodec}: no
 * reflection and nulls as one bit each, where the POJO serializer spent a large share of the scan's
 * shuffle and sort time.
 */
public final class UsageEventSerializer extends TypeSerializerSingleton<UsageEvent> {
  private static final long serialVersionUID = 1L;
  public static final UsageEventSerializer INSTANCE = new UsageEventSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public UsageEvent createInstance() {
    return new UsageEvent();
  }

  @Override
  public UsageEvent copy(UsageEvent from) {
    return from == null ? null : UsageEventCodec.copy(from);
  }

  @Override
  public UsageEvent copy(UsageEvent from, UsageEvent reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(UsageEvent record, DataOutputView target) throws IOException {
    UsageEventCodec.write(record, target);
  }

  @Override
  public UsageEvent deserialize(DataInputView source) throws IOException {
    return UsageEventCodec.read(source);
  }

  @Override
  public UsageEvent deserialize(UsageEvent reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<UsageEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The layout has no parameters; the snapshot only restores the singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<UsageEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
