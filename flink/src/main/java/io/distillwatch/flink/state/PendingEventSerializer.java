package io.distillwatch.flink.state;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of the events the streaming job buffers in keyed state until they are applied: the core
 * {@link UsageEventCodec} layout (no reflection, nulls as one bit each; the POJO serializer it replaces
 * cost a large share of the job's CPU, the events being written once and read once per event).
 *
 * <p>Unlike network shuffles, this is a storage format (checkpoints, savepoints): its snapshot records
 * the layout version ({@link Snapshot#LAYOUT}). The codec itself carries no version, so {@code
 * PendingEventSerializerTest} pins the bytes of a sample event: when it fails, the codec changed and
 * this serializer needs a new layout version whose snapshot can still restore (read) the previous one
 * and answers "compatible after migration" to it.
 */
public final class PendingEventSerializer extends TypeSerializerSingleton<UsageEvent> {
  private static final long serialVersionUID = 1L;
  public static final PendingEventSerializer INSTANCE = new PendingEventSerializer();

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

  /** Records the layout version the state was written with. */
  public static final class Snapshot implements TypeSerializerSnapshot<UsageEvent> {
    /** Layout 1: {@link UsageEventCodec} as of 2026-11-27. */
    public static final int LAYOUT = 1;

    private int layout = LAYOUT;

    public Snapshot() {}

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeInt(layout);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
        throws IOException {
      if (readVersion != 1) {
        throw new IOException("unknown pending-event serializer snapshot version " + readVersion);
      }
      layout = in.readInt();
    }

    @Override
    public TypeSerializer<UsageEvent> restoreSerializer() {
      if (layout != LAYOUT) {
        throw new IllegalStateException(
            "buffered events were written with layout " + layout + ", this build reads layout " + LAYOUT);
      }
      return INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<UsageEvent> resolveSchemaCompatibility(
        TypeSerializerSnapshot<UsageEvent> oldSnapshot) {
      if (oldSnapshot instanceof Snapshot old && old.layout == layout) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
