package io.distillwatch.flink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.flink.source.IngestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/** The job's watermark strategy: bounded out-of-orderness, idle partitions, rejections carry no time. */
class WatermarkStrategyTest {
  private final StreamSettings settings = settings();
  private final WatermarkStrategy<IngestRecord> strategy = StreamJob.watermarks(settings);
  private final ManualClock clock = new ManualClock(1_000_000_000L);
  private final Recorder out = new Recorder();

  private static StreamSettings settings() {
    StreamSettings s = new StreamSettings();
    s.outOfOrderness = Duration.ofSeconds(5);
    s.idleness = Duration.ofSeconds(30);
    return s;
  }

  private WatermarkGenerator<IngestRecord> generator() {
    return strategy.createWatermarkGenerator(
        new WatermarkGeneratorSupplier.Context() {
          @Override
          public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
          }

          @Override
          public RelativeClock getInputActivityClock() {
            return clock;
          }
        });
  }

  private long timestamp(IngestRecord r) {
    TimestampAssigner<IngestRecord> assigner =
        strategy.createTimestampAssigner((TimestampAssignerSupplier.Context) UnregisteredMetricsGroup::new);
    return assigner.extractTimestamp(r, 42L);
  }

  private static IngestRecord event(long ts) {
    IngestRecord r = new IngestRecord();
    r.event = Probe.event("a", ts, "r" + ts);
    return r;
  }

  private static IngestRecord rejection() {
    IngestRecord r = new IngestRecord();
    r.rejection = new Rejection("kafka:t/0", 7, RejectReason.INVALID_JSON, "bad", "{");
    return r;
  }

  @Test
  void theWatermarkTrailsTheNewestEventByTheOutOfOrdernessBound() {
    WatermarkGenerator<IngestRecord> g = generator();
    for (long ts : new long[] {10_000, 30_000, 20_000}) {
      g.onEvent(event(ts), timestamp(event(ts)), out);
    }
    g.onPeriodicEmit(out);
    assertThat(out.watermarks).last().isEqualTo(30_000L - 5_000 - 1);
  }

  @Test
  void rejectionsNeverMoveTheWatermark() {
    assertThat(timestamp(rejection())).isEqualTo(Long.MIN_VALUE);
    WatermarkGenerator<IngestRecord> g = generator();
    g.onEvent(event(10_000), 10_000, out);
    g.onEvent(rejection(), timestamp(rejection()), out);
    g.onPeriodicEmit(out);
    assertThat(out.watermarks).last().isEqualTo(10_000L - 5_000 - 1);
  }

  @Test
  void aSilentPartitionIsMarkedIdleAfterTheIdleTimeoutAndActiveAgainOnTheNextEvent() {
    WatermarkGenerator<IngestRecord> g = generator();
    g.onEvent(event(10_000), 10_000, out);
    g.onPeriodicEmit(out);
    g.onPeriodicEmit(out); // the first emit without new events starts the inactivity timer
    clock.advanceTime(Duration.ofSeconds(29));
    g.onPeriodicEmit(out);
    assertThat(out.idle).isFalse();

    clock.advanceTime(Duration.ofSeconds(2));
    g.onPeriodicEmit(out);
    assertThat(out.idle).isTrue();

    g.onEvent(event(11_000), 11_000, out);
    g.onPeriodicEmit(out);
    assertThat(out.idle).isFalse();
  }

  private static final class Recorder implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
