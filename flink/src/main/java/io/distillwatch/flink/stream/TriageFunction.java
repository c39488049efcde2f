package io.distillwatch.flink.stream;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Accepted events to the main output, rejections to {@link #REJECTED}; counts both as metrics. */
public final class TriageFunction extends ProcessFunction<IngestRecord, UsageEvent> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<Rejection> REJECTED =
      new OutputTag<>("rejected", TypeInformation.of(Rejection.class));
  public static final String EVENTS_IN = "eventsIn";
  public static final String EVENTS_REJECTED = "eventsRejected";
  public static final String FIELD_ERRORS = "fieldErrors";

  private transient Counter in;
  private transient Counter rejected;
  private transient Counter fieldErrors;

  @Override
  public void open(OpenContext openContext) {
    in = getRuntimeContext().getMetricGroup().counter(EVENTS_IN);
    rejected = getRuntimeContext().getMetricGroup().counter(EVENTS_REJECTED);
    fieldErrors = getRuntimeContext().getMetricGroup().counter(FIELD_ERRORS);
  }

  @Override
  public void processElement(IngestRecord record, Context ctx, Collector<UsageEvent> out) {
    if (record.rejection != null) {
      rejected.inc();
      ctx.output(REJECTED, record.rejection);
      return;
    }
    in.inc();
    if (record.fieldErrors != null) {
      fieldErrors.inc();
    }
    out.collect(record.event);
  }
}
