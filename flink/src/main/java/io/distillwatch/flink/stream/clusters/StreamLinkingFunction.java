package io.distillwatch.flink.stream.clusters;

import io.distillwatch.cluster.ClusterProfile;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.linking.IncrementalLinker;
import io.distillwatch.linking.LinkKind;
import io.distillwatch.linking.LinkPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The streaming job's one global linking operator (parallelism 1, a single key): every account's
 * evidence updates go into an {@link IncrementalLinker} held on the heap, and each merge becomes
 * {@link ClusterControl} messages. This is the documented scale limit of streaming clusters
 * (docs/streaming.md gives its measured ceiling).
 *
 * <p>Updates are applied in event-time order (then by account) once the watermark passes the time
 * they carry, so the clusters are the same whatever the upstream parallelism. The linker and the
 * updates not yet applied are written whole into operator state at each checkpoint.
 */
public final class StreamLinkingFunction<S> extends KeyedProcessFunction<Integer, EvidenceUpdate, ClusterControl>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  public static final String MERGES = "clusterMerges";
  /** Profiles are recomputed on every merge up to this size (256), then as the size doubles. */
  static final int PROFILE_EVERY_MERGE_UP_TO = 256;

  private final AccountRules<S> rules;
  private transient IncrementalLinker linker;
  private transient List<EvidenceUpdate> buffered;
  private transient ListState<byte[]> snapshot;
  private transient ListState<EvidenceUpdate> bufferedState;
  private transient Counter merges;

  public StreamLinkingFunction(AccountRules<S> rules) {
    this.rules = rules;
  }

  @Override
  public void open(OpenContext openContext) {
    rules.open();
    merges = getRuntimeContext().getMetricGroup().counter(MERGES);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    snapshot = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("linker", byte[].class));
    bufferedState =
        context.getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("evidence-buffer", TypeInformation.of(EvidenceUpdate.class)));
    linker = new IncrementalLinker(LinkPolicy.defaults());
    buffered = new ArrayList<>();
    if (context.isRestored()) {
      for (byte[] bytes : snapshot.get()) {
        linker = IncrementalLinker.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), LinkPolicy.defaults());
      }
      for (EvidenceUpdate u : bufferedState.get()) {
        buffered.add(u);
      }
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      linker.writeTo(out);
    }
    snapshot.update(List.of(bytes.toByteArray()));
    bufferedState.update(buffered);
  }

  @Override
  public void processElement(EvidenceUpdate update, Context ctx, Collector<ClusterControl> out) {
    buffered.add(update);
    ctx.timerService().registerEventTimeTimer(update.at);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClusterControl> out) {
    List<EvidenceUpdate> due = new ArrayList<>();
    List<EvidenceUpdate> later = new ArrayList<>();
    for (EvidenceUpdate u : buffered) {
      (u.at <= timestamp ? due : later).add(u);
    }
    if (due.isEmpty()) {
      return;
    }
    buffered = later;
    due.sort(Comparator.comparingLong((EvidenceUpdate u) -> u.at).thenComparing(u -> u.evidence.account));
    for (EvidenceUpdate u : due) {
      for (IncrementalLinker.Merge m : linker.add(u.evidence.account, u.evidence.keys, u.evidence.examples)) {
        merges.inc();
        emit(m, u.at, out);
      }
    }
  }

  private void emit(IncrementalLinker.Merge m, long at, Collector<ClusterControl> out) {
    if (m.absorbedLineage() != null) {
      out.collect(ClusterControl.retire(m.absorbedLineage(), m.lineage(), at));
    }
    for (String account : m.moved()) {
      out.collect(ClusterControl.member(m.lineage(), account, at));
    }
    List<String> members = linker.membersOf(m.moved().get(0));
    AccountInfo profile = null;
    if (m.size() <= PROFILE_EVERY_MERGE_UP_TO || Integer.bitCount(m.size()) == 1) {
      List<AccountInfo> infos = new ArrayList<>(members.size());
      for (String member : members) {
        infos.add(rules.accountInfo(member));
      }
      profile = ClusterProfile.of(m.clusterId(), infos);
    }
    out.collect(ClusterControl.cluster(
        m.lineage(), m.clusterId(), m.size(), profile, links(linker.linksOf(members.get(0)), m), at));
  }

  private static String links(Map<LinkKind, Integer> byKind, IncrementalLinker.Merge last) {
    String kinds =
        byKind.entrySet().stream()
            .sorted(Map.Entry.<LinkKind, Integer>comparingByValue().reversed())
            .limit(4)
            .map(e -> String.format(Locale.ROOT, "%s (%d)", e.getKey().code(), e.getValue()))
            .collect(Collectors.joining(", "));
    return kinds + (last.example() == null ? "" : "; last link: " + last.kind().code() + " " + abbreviate(last.example()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
