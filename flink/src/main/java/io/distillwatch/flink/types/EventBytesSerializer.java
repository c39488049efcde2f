package io.distillwatch.flink.types;

import io.distillwatch.flink.cluster.EventBytes;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link EventBytes}: the account, then the encoded event's length and bytes. */
public final class EventBytesSerializer extends TypeSerializerSingleton<EventBytes> {
  private static final long serialVersionUID = 1L;
  public static final EventBytesSerializer INSTANCE = new EventBytesSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public EventBytes createInstance() {
    return new EventBytes();
  }

  @Override
  public EventBytes copy(EventBytes from) {
    return from == null ? null : new EventBytes(from.account, from.event.clone());
  }

  @Override
  public EventBytes copy(EventBytes from, EventBytes reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(EventBytes record, DataOutputView target) throws IOException {
    target.writeUTF(record.account);
    target.writeInt(record.event.length);
    target.write(record.event);
  }

  @Override
  public EventBytes deserialize(DataInputView source) throws IOException {
    String account = source.readUTF();
    byte[] event = new byte[source.readInt()];
    source.readFully(event);
    return new EventBytes(account, event);
  }

  @Override
  public EventBytes deserialize(EventBytes reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.writeUTF(source.readUTF());
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<EventBytes> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The layout has no parameters; the snapshot only restores the singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EventBytes> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
