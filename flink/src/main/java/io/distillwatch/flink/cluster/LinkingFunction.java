package io.distillwatch.flink.cluster;

import io.distillwatch.linking.LinkPolicy;
import io.distillwatch.linking.LinkedCluster;
import io.distillwatch.linking.Linker;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
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

  private transient Linker linker;

  @Override
  public void open(OpenContext openContext) {
    linker = new Linker(LinkPolicy.defaults());
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
    for (LinkedCluster c : linker.link()) {
      ClusterResult r = new ClusterResult();
      r.cluster = c.id();
      r.accounts.addAll(c.accounts());
      r.templateFingerprint = c.templateFingerprint();
      for (LinkedCluster.Link l : c.links()) {
        r.links.add(new ClusterResult.Link(l.kind().code(), l.pairs(), l.weight(), l.examples()));
      }
      for (LinkedCluster.Group g : c.groups()) {
        r.groups.add(new ClusterResult.Group(g.kind().code(), g.example(), new java.util.ArrayList<>(g.members())));
      }
      ctx.output(CLUSTERS, r);
      for (String account : c.accounts()) {
        out.collect(new ClusterAssignment(account, c.id()));
      }
    }
    linker = new Linker(LinkPolicy.defaults());
  }
}
