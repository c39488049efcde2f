package io.distillwatch.flink.source;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits input records into accepted events (main output) and rejections (side output), shared by
 * the batch scan and the streaming node. It counts both ways: accumulators, which a finished scan
 * reads for {@code summary.json} (per field for invalid optional fields), and metrics, which the
 * running node exports.
 */
public final class TriageFunction extends ProcessFunction<IngestRecord, UsageEvent> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<Rejection> REJECTED =
      new OutputTag<>("rejected", TypeInformation.of(Rejection.class));
  /** Accumulator names. */
  public static final String RECORDS = "records";
  public static final String ACCEPTED = "accepted";
  public static final String FIELD_ERRORS_PREFIX = "field_errors.";
  /** Metric names. */
  public static final String EVENTS_IN = "eventsIn";
  public static final String EVENTS_REJECTED = "eventsRejected";
  public static final String FIELD_ERRORS = "fieldErrors";

  private transient LongCounter records;
  private transient LongCounter accepted;
  private transient Counter in;
  private transient Counter rejected;
  private transient Counter fieldErrors;

  @Override
  public void open(OpenContext openContext) {
    records = getRuntimeContext().getLongCounter(RECORDS);
    accepted = getRuntimeContext().getLongCounter(ACCEPTED);
    in = getRuntimeContext().getMetricGroup().counter(EVENTS_IN);
    rejected = getRuntimeContext().getMetricGroup().counter(EVENTS_REJECTED);
    fieldErrors = getRuntimeContext().getMetricGroup().counter(FIELD_ERRORS);
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<UsageEvent> out) {
    records.add(1);
    if (record.rejection != null) {
      rejected.inc();
      ctx.output(REJECTED, record.rejection);
      return;
    }
    accepted.add(1);
    in.inc();
    if (record.fieldErrors != null) {
      fieldErrors.inc();
      for (String field : record.fieldErrors.split(",")) {
        getRuntimeContext().getLongCounter(FIELD_ERRORS_PREFIX + field).add(1);
      }
    }
    out.collect(record.event);
  }
}
