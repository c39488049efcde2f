package io.distillwatch.flink.stream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka record of a verdict change: key the account or cluster id (so one subject's changes stay in
 * order on one partition), value its DESIGN §4 JSON, and no record timestamp, so the producer stamps
 * the publish time. The event time is in the value ({@code at}); stamping records with it (the
 * connector's default) would hand a backlog of week-old changes to the broker's time-based retention,
 * which deletes them as soon as it runs.
 */
final class VerdictChangeRecords implements KafkaRecordSerializationSchema<VerdictChange> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  VerdictChangeRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(VerdictChange c, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        null,
        c.id.getBytes(StandardCharsets.UTF_8),
        c.toJson().getBytes(StandardCharsets.UTF_8));
  }
}
