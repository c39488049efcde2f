package io.distillwatch.flink.types;

import io.distillwatch.flink.cluster.ClusteredEvent;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link ClusteredEvent}: the cluster id, then the event's {@link UsageEventCodec} form. */
public final class ClusteredEventSerializer extends TypeSerializerSingleton<ClusteredEvent> {
  private static final long serialVersionUID = 1L;
  public static final ClusteredEventSerializer INSTANCE = new ClusteredEventSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public ClusteredEvent createInstance() {
    return new ClusteredEvent();
  }

  @Override
  public ClusteredEvent copy(ClusteredEvent from) {
    return from == null ? null : new ClusteredEvent(from.cluster, UsageEventCodec.copy(from.event));
  }

  @Override
  public ClusteredEvent copy(ClusteredEvent from, ClusteredEvent reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ClusteredEvent record, DataOutputView target) throws IOException {
    target.writeUTF(record.cluster);
    UsageEventCodec.write(record.event, target);
  }

  @Override
  public ClusteredEvent deserialize(DataInputView source) throws IOException {
    String cluster = source.readUTF();
    return new ClusteredEvent(cluster, UsageEventCodec.read(source));
  }

  @Override
  public ClusteredEvent deserialize(ClusteredEvent reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<ClusteredEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The layout has no parameters; the snapshot only restores the singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClusteredEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
