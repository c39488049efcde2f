package io.distillwatch.flink.cluster;

import io.distillwatch.detect.ClusterProfile;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.linking.LinkPolicy;
import io.distillwatch.linking.LinkedCluster;
import io.distillwatch.linking.Linker;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The global linking step: every account's evidence into one {@link Linker} (parallelism 1, a single
 * key), clusters out at the end of input. This is the documented scale limit of clustering: one
 * operator holds the evidence index of all accounts (docs/clustering.md has the measured ceiling).
 */
public final class LinkingFunction extends KeyedProcessFunction<Integer, AccountResult, ClusterAssignment> {
  private static final long serialVersionUID = 1L;
  public static final OutputTag<ClusterResult> CLUSTERS = new OutputTag<>("clusters") {};
  /** One record per cluster with a profile: the profile, for the cluster's detection. */
  public static final OutputTag<ClusteredEvent> PROFILES =
      new OutputTag<>("cluster-profiles", io.distillwatch.flink.types.SerializerTypeInfo.CLUSTERED_EVENT);

  private final ScanRequest request;
  private transient Linker linker;
  private transient DetectionContext context;

  public LinkingFunction(ScanRequest request) {
    this.request = request;
  }

  @Override
  public void open(OpenContext openContext) {
    linker = new Linker(LinkPolicy.defaults().without(request.disabledSignals));
    context = ScanContextLoader.load(request).context();
  }

  @Override
  public void processElement(AccountResult result, Context ctx, Collector<ClusterAssignment> out) {
    if (result.evidence != null && !result.evidence.keys.isEmpty()) {
      linker.add(result.evidence);
    }
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClusterAssignment> out) {
    int ordinal = 0;
    for (LinkedCluster c : linker.link()) {
      ClusterResult r = new ClusterResult();
      r.cluster = c.id();
      r.accounts.addAll(c.accounts());
      r.templateFingerprint = c.templateFingerprint();
      for (LinkedCluster.Link l : c.links()) {
        ClusterResult.Link link = new ClusterResult.Link(l.kind().code(), l.pairs(), l.weight(), l.examples());
        link.accounts = l.accounts();
        r.links.add(link);
      }
      for (LinkedCluster.Group g : c.groups()) {
        r.groups.add(new ClusterResult.Group(g.kind().code(), g.example(), new java.util.ArrayList<>(g.members())));
      }
      ctx.output(CLUSTERS, r);
      List<AccountInfo> infos = new ArrayList<>();
      for (String account : c.accounts()) {
        infos.add(context.account(account));
      }
      AccountInfo profile = ClusterProfile.of(c.id(), infos);
      long key = ClusterKeys.key(c.id());
      if (profile != null) {
        ctx.output(PROFILES, ClusteredEvent.profile(key, ordinal, profile));
      }
      for (String account : c.accounts()) {
        out.collect(new ClusterAssignment(account, key, ordinal));
      }
      ordinal++;
    }
    linker = new Linker(LinkPolicy.defaults().without(request.disabledSignals));
  }
}
