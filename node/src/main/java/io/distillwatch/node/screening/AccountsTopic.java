package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.AccountInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts topic: one accounts-file line (DESIGN §2) per record. Read from the beginning at
 * every start (the topic is the accounts' register; a compacted topic keeps one record per account),
 * without a consumer group, so the node rebuilds its accounts and screens them again after a
 * restart; the store's outcomes keep that from repeating changes. A record that is not an account is
 * counted and skipped (its content is not logged).
 */
final class AccountsTopic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsTopic.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the topic is. */
  record Settings(String bootstrapServers, String topic) {}

  private final Settings settings;
  private final Consumer<Collection<AccountInfo>> sink;
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private long rejected;

  AccountsTopic(Settings settings, Consumer<Collection<AccountInfo>> sink) {
    this.settings = settings;
    this.sink = sink;
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    this.thread = new Thread(this::run, "live-screening-accounts");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      while (running && partitions.isEmpty()) {
        consumer.partitionsFor(settings.topic(), Duration.ofSeconds(10))
            .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        List<AccountInfo> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            batch.add(SignUp.parse(r.value() == null ? null : JSON.readTree(r.value()), true));
          } catch (Exception e) {
            rejected++;
            LOG.warn("accounts topic {} partition {} offset {}: not an account ({} so far)",
                r.topic(), r.partition(), r.offset(), rejected);
          }
        }
        if (!batch.isEmpty()) {
          sink.accept(batch);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("accounts topic {}: reading stopped: {}", settings.topic(), e.getMessage());
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
