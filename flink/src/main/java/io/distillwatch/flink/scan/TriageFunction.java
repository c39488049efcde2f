package io.distillwatch.flink.scan;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits input records into accepted events (main output) and rejections (side output), counting both. */
final class TriageFunction extends ProcessFunction<IngestRecord, UsageEvent> {
  private static final long serialVersionUID = 1L;
  static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};
  static final String RECORDS = "records";
  static final String ACCEPTED = "accepted";
  static final String FIELD_ERRORS_PREFIX = "field_errors.";

  private transient LongCounter records;
  private transient LongCounter accepted;

  @Override
  public void open(OpenContext openContext) {
    records = getRuntimeContext().getLongCounter(RECORDS);
    accepted = getRuntimeContext().getLongCounter(ACCEPTED);
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<UsageEvent> out) {
    records.add(1);
    if (record.rejection != null) {
      ctx.output(REJECTED, record.rejection);
      return;
    }
    accepted.add(1);
    if (record.fieldErrors != null) {
      for (String field : record.fieldErrors.split(",")) {
        getRuntimeContext().getLongCounter(FIELD_ERRORS_PREFIX + field).add(1);
      }
    }
    out.collect(record.event);
  }
}
