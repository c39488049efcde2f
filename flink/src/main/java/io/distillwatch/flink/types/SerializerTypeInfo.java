package io.distillwatch.flink.types;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.cluster.ClusteredEvent;
import io.distillwatch.flink.source.IngestRecord;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information naming a hand-written serializer for a class (instead of POJO or Kryo). */
public final class SerializerTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  public static final SerializerTypeInfo<UsageEvent> USAGE_EVENT =
      new SerializerTypeInfo<>(UsageEvent.class, UsageEventSerializer.INSTANCE);
  public static final SerializerTypeInfo<IngestRecord> INGEST_RECORD =
      new SerializerTypeInfo<>(IngestRecord.class, IngestRecordSerializer.INSTANCE);
  public static final SerializerTypeInfo<ClusteredEvent> CLUSTERED_EVENT =
      new SerializerTypeInfo<>(ClusteredEvent.class, ClusteredEventSerializer.INSTANCE);
  public static final SerializerTypeInfo<io.distillwatch.flink.cluster.EventBytes> EVENT_BYTES =
      new SerializerTypeInfo<>(io.distillwatch.flink.cluster.EventBytes.class, EventBytesSerializer.INSTANCE);

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  public SerializerTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return type.getSimpleName() + "(" + serializer.getClass().getSimpleName() + ")";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof SerializerTypeInfo<?> o && o.type.equals(type) && o.serializer.equals(serializer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, serializer);
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof SerializerTypeInfo;
  }
}
