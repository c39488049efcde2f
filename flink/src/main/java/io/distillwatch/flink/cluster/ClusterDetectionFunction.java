package io.distillwatch.flink.cluster;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.Detector;
import io.distillwatch.detect.PromptDigest;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.scan.AccountResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.distillwatch.scan.PeakTracker;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanRequest;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores a cluster on its members' combined traffic with the same {@link Detector} as single accounts,
 * in event-time order (batch mode sorts each key's input by its {@link ClusterSortTime}), so many light
 * accounts add up. Events arrive as the account pass digested them ({@link EventBytes}): no prompt is
 * normalised again. A cluster's profile record, stamped first, precedes its events. Emits one result
 * per cluster, with the cluster id as its account.
 */
public final class ClusterDetectionFunction extends KeyedProcessFunction<Integer, ClusteredEvent, AccountResult> {
  private static final long serialVersionUID = 1L;

  private final ScanRequest request;
  private transient Detector detector;
  private transient Map<String, AccountInfo> profiles;
  // Batch mode processes one key at a time: plain fields hold the current cluster.
  private transient String current;
  private transient long currentKey;
  private transient AccountState state;
  private transient PeakTracker peak;
  private transient org.apache.flink.core.memory.DataInputDeserializer in;
  /** Events of the current time, applied in (account, sequence) order once the time has passed. */
  private transient List<EventBytes.Digested> sameTime;
  private transient PromptDigest.Chain examples;

  public ClusterDetectionFunction(ScanRequest request) {
    this.request = request;
  }

  @Override
  public void open(OpenContext openContext) {
    profiles = new HashMap<>();
    in = new org.apache.flink.core.memory.DataInputDeserializer();
    sameTime = new ArrayList<>();
    examples = new PromptDigest.Chain();
    detector = new Detector(ScanContextLoader.load(request).context().withProfiles(profiles));
  }

  @Override
  public void processElement(ClusteredEvent e, Context ctx, Collector<AccountResult> out) {
    if (current == null || e.cluster != currentKey) {
      currentKey = e.cluster;
      current = ClusterKeys.id(e.cluster);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    if (e.event == null) {
      if (e.profile != null) {
        profiles.put(current, e.profile);
      }
      return;
    }
    if (state == null) {
      state = detector.newState(current);
      peak = new PeakTracker(detector);
    }
    EventBytes.Digested d = EventBytes.decode(e.event, in);
    if (!sameTime.isEmpty() && sameTime.get(0).event().ts != d.event().ts) {
      applySameTime();
    }
    sameTime.add(d);
  }

  /**
   * Batch mode sorts a cluster's events by time only; which of several same-time events comes first
   * depends on how the sort split its runs. Ordering them by account and sequence makes the cluster's
   * result independent of that.
   */
  private void applySameTime() {
    if (sameTime.size() > 1) {
      sameTime.sort(SAME_TIME_ORDER);
    }
    for (EventBytes.Digested d : sameTime) {
      examples.restore(d.event().account, d.digest());
      detector.update(state, d.event(), d.digest());
      peak.observe(state, d.event().ts);
    }
    sameTime.clear();
  }

  private static final Comparator<EventBytes.Digested> SAME_TIME_ORDER =
      Comparator.comparing((EventBytes.Digested d) -> d.event().account).thenComparingLong(EventBytes.Digested::seq);

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AccountResult> out) {
    if (state != null) {
      applySameTime();
      out.collect(peak.result(state));
    }
    if (current != null) {
      profiles.remove(current);
    }
    examples.reset();
    state = null;
    peak = null;
    current = null;
  }
}
