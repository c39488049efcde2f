package io.distillwatch.flink.stream;

import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.types.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka message value → events/rejections. A rejection names its origin as {@code kafka:TOPIC/PARTITION}
 * and its {@code line} is the message offset, so a bad message can be found again. An empty or null
 * value (tombstone) is parsed as an empty line and so rejected, not skipped.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<IngestRecord> {
  private static final long serialVersionUID = 1L;
  private static final byte[] EMPTY = new byte[0];
  private final RecordParser parser;

  public KafkaEventDeserializer(RecordParser parser) {
    this.parser = parser;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
    byte[] value = record.value() == null ? EMPTY : record.value();
    parser.parse(value, "kafka:" + record.topic() + "/" + record.partition(), record.offset(), out::collect);
  }

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return SerializerTypeInfo.INGEST_RECORD; // copied into the chained triage: no reflection
  }
}
