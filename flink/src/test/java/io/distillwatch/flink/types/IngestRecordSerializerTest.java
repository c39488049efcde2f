package io.distillwatch.flink.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class IngestRecordSerializerTest {
  private static IngestRecord roundTrip(IngestRecord r) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    IngestRecordSerializer.INSTANCE.serialize(r, out);
    return IngestRecordSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void acceptedAndRejectedRecordsRoundTripAndCopy() throws Exception {
    UsageEvent e = new UsageEvent();
    e.ts = 1_700_000_000_000L;
    e.account = "a";
    e.userText = "Explain ü \uD800";
    e.maxTokens = 7;
    IngestRecord accepted = new IngestRecord();
    accepted.event = e;
    accepted.fieldErrors = "params.n,usage.input_tokens";
    IngestRecord rejected = new IngestRecord();
    rejected.rejection = new Rejection("kafka:t/0", 42, RejectReason.INVALID_JSON, "unexpected end", "{\"ts\":");
    for (IngestRecord r : List.of(accepted, rejected, new IngestRecord())) {
      assertThat(roundTrip(r)).usingRecursiveComparison().isEqualTo(r);
      IngestRecord copy = IngestRecordSerializer.INSTANCE.copy(r);
      assertThat(copy).usingRecursiveComparison().isEqualTo(r);
      assertThat(copy).isNotSameAs(r);
      if (r.event != null) {
        assertThat(copy.event).isNotSameAs(r.event);
      }
    }
  }
}
