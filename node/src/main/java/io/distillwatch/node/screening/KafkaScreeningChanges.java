package io.distillwatch.node.screening;

import io.distillwatch.flink.stream.VerdictChange;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Screening changes to the node's Kafka output topic, keyed by account, the same JSON as verdict
 * changes. Sent idempotently and awaited, so an emitted change is on the broker (at least once;
 * (kind, id, seq) identifies it for readers).
 */
final class KafkaScreeningChanges implements ScreeningChanges {
  private final KafkaProducer<String, String> producer;
  private final String topic;

  KafkaScreeningChanges(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    this.topic = topic;
  }

  @Override
  public void emit(VerdictChange change) throws Exception {
    producer.send(new ProducerRecord<>(topic, change.id, change.toJson())).get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close();
  }
}
