package io.distillwatch.flink.stream.clusters;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.distillwatch.cluster.ClusterInheritance;
import io.distillwatch.cluster.ClusterInheritance.Outcome;
import io.distillwatch.cluster.ClusterInheritance.Standing;
import io.distillwatch.event.Signal;
import io.distillwatch.event.Verdict;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.VerdictChange;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.distillwatch.flink.stream.StreamSettings;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by account: the one place an account's published verdict is decided, from its own verdict
 * (the account stage's changes) and its cluster's ({@link MemberVerdict}), by the rule {@code scan}
 * applies too ({@link ClusterInheritance}): when the cluster's score is higher than the account's own,
 * the account takes it with a {@code cluster.member} signal; allowlisted accounts inherit at most
 * {@code suspicious}. A change is published when the resulting verdict changes.
 *
 * <p>Only this operator numbers account changes ({@code seq}); with no cluster input it passes the
 * account stage's changes through unchanged.
 */
public final class AccountVerdictFunction<S>
    extends KeyedCoProcessFunction<String, VerdictChange, MemberVerdict, VerdictChange> {
  private static final long serialVersionUID = 1L;
  public static final String SIGNAL = ClusterInheritance.SIGNAL;
  private static final JsonFactory JSON = new JsonFactory();

  private final AccountRules<S> rules;
  private final StreamSettings settings;
  private transient ClusterInheritance inheritance;
  private transient ValueState<Published> published;
  private transient ListState<VerdictChange> pendingOwn;
  private transient ListState<MemberVerdict> pendingCluster;

  public AccountVerdictFunction(AccountRules<S> rules, StreamSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    rules.open();
    inheritance = new ClusterInheritance(rules.config());
    published = getRuntimeContext().getState(new ValueStateDescriptor<>("published", TypeInformation.of(Published.class)));
    pendingOwn = getRuntimeContext().getListState(new ListStateDescriptor<>("own-pending", TypeInformation.of(VerdictChange.class)));
    pendingCluster =
        getRuntimeContext().getListState(new ListStateDescriptor<>("cluster-pending", TypeInformation.of(MemberVerdict.class)));
  }

  @Override
  public void processElement1(VerdictChange own, Context ctx, Collector<VerdictChange> out) throws Exception {
    pendingOwn.add(own);
    ctx.timerService().registerEventTimeTimer(settings.applyTime(own.at));
  }

  @Override
  public void processElement2(MemberVerdict m, Context ctx, Collector<VerdictChange> out) throws Exception {
    pendingCluster.add(m);
    ctx.timerService().registerEventTimeTimer(m.trigger);
  }

  /**
   * Applies what the watermark has passed in the order it was decided (at equal times the account's
   * own change first), so the published sequence is the same whatever the parallelism or timing.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerdictChange> out) throws Exception {
    List<VerdictChange> own = new ArrayList<>();
    List<VerdictChange> laterOwn = new ArrayList<>();
    for (VerdictChange c : nonNull(pendingOwn.get())) {
      (settings.applyTime(c.at) <= timestamp ? own : laterOwn).add(c);
    }
    List<MemberVerdict> cluster = new ArrayList<>();
    List<MemberVerdict> laterCluster = new ArrayList<>();
    for (MemberVerdict m : nonNull(pendingCluster.get())) {
      (m.trigger <= timestamp ? cluster : laterCluster).add(m);
    }
    if (own.isEmpty() && cluster.isEmpty()) {
      return;
    }
    pendingOwn.update(laterOwn);
    pendingCluster.update(laterCluster);
    own.sort(Comparator.comparingLong((VerdictChange c) -> c.seq));
    cluster.sort(Comparator.comparingLong((MemberVerdict m) -> m.trigger).thenComparingLong(m -> m.at));
    String account = ctx.getCurrentKey();
    Published p = current();
    int o = 0;
    int c = 0;
    while (o < own.size() || c < cluster.size()) {
      if (c == cluster.size() || (o < own.size() && settings.applyTime(own.get(o).at) <= cluster.get(c).trigger)) {
        VerdictChange change = own.get(o++);
        p.ownVerdict = change.to;
        p.ownScore = change.score;
        p.ownSignals = change.signals;
        publish(p, change.at, account, out);
      } else {
        MemberVerdict m = cluster.get(c++);
        p.clusterId = m.clusterId;
        p.clusterVerdict = m.verdict;
        p.clusterScore = m.score;
        p.clusterEvidence = m.evidence;
        publish(p, m.at, account, out);
      }
    }
    published.update(p);
  }

  private static <T> Iterable<T> nonNull(Iterable<T> items) {
    return items == null ? List.of() : items;
  }

  private Published current() throws IOException {
    Published p = published.value();
    if (p == null) {
      p = new Published();
      p.ownVerdict = Verdict.BENIGN.code();
      p.verdict = Verdict.BENIGN.code();
    }
    return p;
  }

  private void publish(Published p, long at, String account, Collector<VerdictChange> out) throws IOException {
    Standing own = new Standing(p.ownScore, Verdict.ofCode(p.ownVerdict), null);
    Outcome o =
        p.clusterVerdict == null
            ? new Outcome(own, null)
            : inheritance.inherit(own, new Standing(p.clusterScore, Verdict.ofCode(p.clusterVerdict), null),
                rules.allowlistReason(account) != null, p.clusterEvidence);
    String next = o.standing().verdict().code();
    if (!next.equals(p.verdict)) {
      p.seq++;
      String signals = o.inherited() ? withMemberSignal(o.signal(), p.ownSignals) : p.ownSignals;
      out.collect(
          new VerdictChange(VerdictChange.ACCOUNT, account, p.verdict, next, o.standing().score(), at, signals, p.seq));
      p.verdict = next;
    }
  }

  /** The account's own signals with {@code cluster.member} first. */
  private static String withMemberSignal(Signal member, String ownSignals) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", member.id);
      g.writeNumberField("value", member.value);
      g.writeNumberField("contribution", member.contribution);
      g.writeStringField("evidence", member.evidence);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String own = ownSignals == null ? "[]" : ownSignals.strip();
    String rest = own.length() <= 2 ? "" : "," + own.substring(1, own.length() - 1);
    return "[" + w + rest + "]";
  }

  /** What was last published for the account, and its inputs (a Flink POJO). */
  public static class Published {
    public String ownVerdict;
    public double ownScore;
    public String ownSignals;
    public String clusterId;
    public String clusterVerdict;
    public double clusterScore;
    public String clusterEvidence;
    public String verdict;
    public long seq;

    public Published() {}
  }
}
