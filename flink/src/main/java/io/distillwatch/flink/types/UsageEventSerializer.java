package io.distillwatch.flink.types;

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
 * Flink serializer for {@link UsageEvent} delegating to the core {@link UsageEventCodec}: no
 * reflection and nulls as one bit each, where the POJO serializer spent a large share of the scan's
 * shuffle and sort time and of the streaming job's CPU. Used on shuffles and for events buffered in
 * keyed state.
 *
 * <p>In state it is a storage format (checkpoints, savepoints): its snapshot records the layout
 * version ({@link Snapshot#LAYOUT}). The codec itself carries no version, so {@code
 * UsageEventSerializerTest} pins the bytes of a sample event: when it fails, the codec changed and this
 * serializer needs a new layout version whose snapshot can still restore (read) the previous one and
 * answers "compatible after migration" to it.
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
        throw new IOException("unknown usage-event serializer snapshot version " + readVersion);
      }
      layout = in.readInt();
    }

    @Override
    public TypeSerializer<UsageEvent> restoreSerializer() {
      if (layout != LAYOUT) {
        throw new IllegalStateException(
            "events in state were written with layout " + layout + ", this build reads layout " + LAYOUT);
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
