package io.distillwatch.flink.scan;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.Detector;
import io.distillwatch.detect.PromptDigest;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.cluster.EventBytes;
import io.distillwatch.flink.types.SerializerTypeInfo;
import io.distillwatch.linking.EvidenceExtractor;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.PeakTracker;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanRequest;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per-account detection for bounded input. Adapts only: the rules live in the core {@link Detector}
 * and {@link PeakTracker}. In batch mode Flink hands each account's events over sorted by event time
 * and fires the end-of-input timer when the account is done, so state lives only while its account
 * is being processed.
 */
public final class AccountDetectionFunction
    extends KeyedProcessFunction<String, UsageEvent, AccountResult> {
  private static final long serialVersionUID = 1L;
  static final String DUPLICATES = "duplicates";
  /** With linking: every accepted event, digested and encoded for the cluster stage. */
  public static final OutputTag<EventBytes> DIGESTED =
      new OutputTag<>("digested-events", SerializerTypeInfo.EVENT_BYTES);

  private final ScanRequest request;
  private transient Detector detector;
  private transient EvidenceExtractor evidence;
  private transient MapState<String, Boolean> seenRequestIds;
  private transient LongCounter duplicates;
  // Batch mode processes one key at a time, so plain fields hold the current account's state.
  private transient String currentAccount;
  private transient AccountState state;
  private transient PeakTracker peak;
  private transient long seq;
  private transient PromptDigest.Writer digests;

  public AccountDetectionFunction(ScanRequest request) {
    this.request = request;
  }

  @Override
  public void open(OpenContext openContext) {
    detector = new Detector(ScanContextLoader.load(request).context());
    evidence = new EvidenceExtractor();
    digests = new PromptDigest.Writer();
    seenRequestIds =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("request-ids", Types.STRING, Types.BOOLEAN));
    duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
  }

  @Override
  public void processElement(UsageEvent event, Context ctx, Collector<AccountResult> out)
      throws Exception {
    if (event.requestId != null) {
      if (seenRequestIds.contains(event.requestId)) {
        duplicates.add(1);
        return;
      }
      seenRequestIds.put(event.requestId, Boolean.TRUE);
    }
    if (!event.account.equals(currentAccount)) {
      currentAccount = event.account;
      state = detector.newState(event.account);
      peak = new PeakTracker(detector);
      seq = 0;
      digests.reset();
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    if (request.linking) {
      // Any account may turn out to be in a cluster: its events go on digested, so the cluster stage
      // neither normalises a prompt again nor moves prompt texts.
      PromptDigest digest = detector.digest(event);
      ctx.output(DIGESTED, EventBytes.of(seq++, event, digest, digests, state));
      detector.update(state, event, digest);
    } else {
      detector.update(state, event);
    }
    peak.observe(state, event.ts);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AccountResult> out) {
    if (state != null) {
      AccountResult result = peak.result(state);
      result.evidence = evidence.extract(state, detector.context().account(state.account()));
      out.collect(result);
    }
    seenRequestIds.clear();
    state = null;
    peak = null;
    currentAccount = null;
  }
}
