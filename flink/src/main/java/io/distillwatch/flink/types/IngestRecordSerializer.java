package io.distillwatch.flink.types;

import io.distillwatch.event.Rejection;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer for {@link IngestRecord} (the streaming source's output): mostly used to copy each
 * record between the chained source and triage, which the POJO serializer did field by field through
 * reflection. The event goes through the core {@link UsageEventCodec}. Not a storage format.
 */
public final class IngestRecordSerializer extends TypeSerializerSingleton<IngestRecord> {
  private static final long serialVersionUID = 1L;
  public static final IngestRecordSerializer INSTANCE = new IngestRecordSerializer();
  private static final int EVENT = 1;
  private static final int REJECTION = 2;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public IngestRecord createInstance() {
    return new IngestRecord();
  }

  @Override
  public IngestRecord copy(IngestRecord from) {
    if (from == null) {
      return null;
    }
    IngestRecord r = new IngestRecord();
    r.event = from.event == null ? null : UsageEventCodec.copy(from.event);
    if (from.rejection != null) {
      Rejection x = from.rejection;
      Rejection y = new Rejection();
      y.file = x.file;
      y.line = x.line;
      y.reason = x.reason;
      y.detail = x.detail;
      y.excerpt = x.excerpt;
      r.rejection = y;
    }
    r.fieldErrors = from.fieldErrors;
    return r;
  }

  @Override
  public IngestRecord copy(IngestRecord from, IngestRecord reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(IngestRecord r, DataOutputView out) throws IOException {
    out.writeByte((r.event != null ? EVENT : 0) | (r.rejection != null ? REJECTION : 0));
    if (r.event != null) {
      UsageEventCodec.write(r.event, out);
    }
    if (r.rejection != null) {
      StringValue.writeString(r.rejection.file, out);
      out.writeLong(r.rejection.line);
      StringValue.writeString(r.rejection.reason, out);
      StringValue.writeString(r.rejection.detail, out);
      StringValue.writeString(r.rejection.excerpt, out);
    }
    StringValue.writeString(r.fieldErrors, out);
  }

  @Override
  public IngestRecord deserialize(DataInputView in) throws IOException {
    IngestRecord r = new IngestRecord();
    int flags = in.readByte();
    if ((flags & EVENT) != 0) {
      r.event = UsageEventCodec.read(in);
    }
    if ((flags & REJECTION) != 0) {
      Rejection x = new Rejection();
      x.file = StringValue.readString(in);
      x.line = in.readLong();
      x.reason = StringValue.readString(in);
      x.detail = StringValue.readString(in);
      x.excerpt = StringValue.readString(in);
      r.rejection = x;
    }
    r.fieldErrors = StringValue.readString(in);
    return r;
  }

  @Override
  public IngestRecord deserialize(IngestRecord reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<IngestRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The layout has no parameters; the snapshot only restores the singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<IngestRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
