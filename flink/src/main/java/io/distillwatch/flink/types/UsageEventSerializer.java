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
 * UsageEventSerializerTest} and core's {@code UsageEventCodecGoldenTest} pin its bytes: when they
 * fail, the codec changed and needs a new layout, which this serializer's snapshot restores from the
 * previous ones (a serializer of the old layout reads the state, "compatible after migration").
 */
public final class UsageEventSerializer extends TypeSerializerSingleton<UsageEvent> {
  private static final long serialVersionUID = 1L;
  public static final UsageEventSerializer INSTANCE = new UsageEventSerializer(Snapshot.LAYOUT);

  /** The {@link UsageEventCodec} layout this serializer reads and writes. */
  private final int layout;

  private UsageEventSerializer(int layout) {
    this.layout = layout;
  }

  /** The serializer of state written with {@code layout} (the current one, or an older one to migrate). */
  static UsageEventSerializer ofLayout(int layout) {
    if (layout < 1 || layout > Snapshot.LAYOUT) {
      throw new IllegalStateException(
          "events in state were written with layout " + layout + ", this build reads layouts 1 to " + Snapshot.LAYOUT);
    }
    return layout == Snapshot.LAYOUT ? INSTANCE : new UsageEventSerializer(layout);
  }

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
    UsageEventCodec.write(record, target, layout);
  }

  @Override
  public UsageEvent deserialize(DataInputView source) throws IOException {
    return UsageEventCodec.read(source, layout);
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
    return new Snapshot(layout);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UsageEventSerializer other && other.layout == layout;
  }

  @Override
  public int hashCode() {
    return 31 * UsageEventSerializer.class.hashCode() + layout;
  }

  /** Records the layout version the state was written with. */
  public static final class Snapshot implements TypeSerializerSnapshot<UsageEvent> {
    /**
     * Layout 1: {@link UsageEventCodec} as of 2026-11-27; 2: with the turn keys (2026-12-01). Layout-1
     * state restores with turn keys 0.
     */
    public static final int LAYOUT = UsageEventCodec.LAYOUT;

    private int layout = LAYOUT;

    public Snapshot() {}

    private Snapshot(int layout) {
      this.layout = layout;
    }

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
      return ofLayout(layout);
    }

    @Override
    public TypeSerializerSchemaCompatibility<UsageEvent> resolveSchemaCompatibility(
        TypeSerializerSnapshot<UsageEvent> oldSnapshot) {
      if (oldSnapshot instanceof Snapshot old && old.layout == layout) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      if (oldSnapshot instanceof Snapshot old && old.layout >= 1 && old.layout < layout) {
        return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
      }
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
