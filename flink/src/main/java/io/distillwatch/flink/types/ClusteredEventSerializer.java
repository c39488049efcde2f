package io.distillwatch.flink.types;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.flink.cluster.ClusteredEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link ClusteredEvent}: the cluster key and ordinal, the encoded event's length (-1 for none)
 * and bytes, then the profile (if any).
 */
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
    if (from == null) {
      return null;
    }
    ClusteredEvent copy = new ClusteredEvent(from.cluster, from.ordinal, from.event == null ? null : from.event.clone());
    copy.profile = from.profile; // immutable once built
    return copy;
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
    target.writeLong(record.cluster);
    target.writeInt(record.ordinal);
    target.writeInt(record.event == null ? -1 : record.event.length);
    if (record.event != null) {
      target.write(record.event);
    }
    AccountInfo p = record.profile;
    target.writeBoolean(p != null);
    if (p != null) {
      writeString(target, p.account);
      target.writeLong(p.createdAt == null ? Long.MIN_VALUE : p.createdAt);
      writeString(target, p.emailDomain);
      writeString(target, p.signupPath);
      target.writeByte(p.verified == null ? -1 : p.verified ? 1 : 0);
    }
  }

  private static void writeString(DataOutputView out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readString(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  @Override
  public ClusteredEvent deserialize(DataInputView source) throws IOException {
    long cluster = source.readLong();
    int ordinal = source.readInt();
    int length = source.readInt();
    byte[] event = null;
    if (length >= 0) {
      event = new byte[length];
      source.readFully(event);
    }
    ClusteredEvent e = new ClusteredEvent(cluster, ordinal, event);
    if (source.readBoolean()) {
      AccountInfo p = new AccountInfo(readString(source));
      long created = source.readLong();
      p.createdAt = created == Long.MIN_VALUE ? null : created;
      p.emailDomain = readString(source);
      p.signupPath = readString(source);
      byte verified = source.readByte();
      p.verified = verified < 0 ? null : verified == 1;
      e.profile = p;
    }
    return e;
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
