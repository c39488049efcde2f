package io.distillwatch.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class VerdictChangeRecordsTest {
  private static final long WEEKS_AGO = 1_700_000_000_000L;

  @Test
  void aChangeIsKeyedByItsSubjectAndCarriesItsEventTimeOnlyInTheValue() {
    VerdictChange change =
        new VerdictChange("account", "acct-7", "clean", "suspicious", 0.61, WEEKS_AGO, "[]", 3);

    ProducerRecord<byte[], byte[]> record = new VerdictChangeRecords("changes").serialize(change, null, WEEKS_AGO);

    assertThat(record.topic()).isEqualTo("changes");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("acct-7");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(change.toJson()).contains("\"at\":\"2023-11-14T22:13:20.000Z\"");
    assertThat(record.timestamp())
        .as("left to the producer (publish time): an event-time stamp exposes backlogs to time-based retention")
        .isNull();
    assertThat(record.partition()).as("partitioned by key").isNull();
  }
}
