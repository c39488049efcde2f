package io.distillwatch.flink.stream.clusters;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.StreamDetectionFunction;
import io.distillwatch.flink.stream.StreamSettings;
import io.distillwatch.flink.stream.VerdictChange;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import io.distillwatch.flink.types.SerializerTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The cluster stage of the streaming job, after the account stage ({@link StreamDetectionFunction}
 * {@code withLinking()}):
 *
 * <pre>
 * account stage ──evidence──► link-accounts (parallelism 1) ──controls──┬─► route-to-clusters ◄── applied events
 *                                                                       └─► detect-clusters ◄── routed events
 * account stage ──own changes──► publish-accounts ◄── member verdicts ── detect-clusters
 * </pre>
 *
 * Returns account changes (as published, with inheritance) and cluster changes, one stream.
 */
public final class StreamClusters {
  public static final String UID_LINK = "link-accounts";
  public static final String UID_ROUTE = "route-to-clusters";
  public static final String UID_DETECT_CLUSTERS = "detect-clusters";
  public static final String UID_PUBLISH = "publish-accounts";

  /** A linked account's event tagged with its cluster lineage; the event with the codec serializer. */
  private static final TypeInformation<Tuple2<String, UsageEvent>> ROUTED =
      new TupleTypeInfo<>(Types.STRING, SerializerTypeInfo.USAGE_EVENT);

  private StreamClusters() {}

  public static <S> DataStream<VerdictChange> attach(
      SingleOutputStreamOperator<VerdictChange> accountStage, AccountRules<S> rules, StreamSettings settings) {
    SingleOutputStreamOperator<ClusterControl> controls =
        accountStage
            .getSideOutput(StreamDetectionFunction.EVIDENCE)
            .keyBy(u -> 0, Types.INT)
            .process(new StreamLinkingFunction<>(rules), TypeInformation.of(ClusterControl.class))
            .setParallelism(1)
            .setMaxParallelism(1)
            .name("link-accounts")
            .uid(UID_LINK);
    // The applied events are already partitioned by account: no second shuffle of every event.
    KeyedStream<UsageEvent, String> applied =
        DataStreamUtils.reinterpretAsKeyedStream(
            accountStage.getSideOutput(StreamDetectionFunction.APPLIED), e -> e.account, Types.STRING);
    SingleOutputStreamOperator<Tuple2<String, UsageEvent>> routed =
        applied
            .connect(controls.filter(c -> ClusterControl.MEMBER.equals(c.type)).name("members").keyBy(c -> c.account, Types.STRING))
            .process(new ClusterRouter(settings), ROUTED)
            .name("route-to-clusters")
            .uid(UID_ROUTE);
    SingleOutputStreamOperator<VerdictChange> clusterChanges =
        routed
            .keyBy(e -> e.f0, Types.STRING)
            .connect(controls.keyBy(c -> c.lineage, Types.STRING))
            .process(new StreamClusterDetectionFunction<>(rules, settings), TypeInformation.of(VerdictChange.class))
            .name("detect-clusters")
            .uid(UID_DETECT_CLUSTERS);
    SingleOutputStreamOperator<VerdictChange> accountChanges =
        accountStage
            .keyBy(c -> c.id, Types.STRING)
            .connect(clusterChanges.getSideOutput(StreamClusterDetectionFunction.MEMBERS).keyBy(m -> m.account, Types.STRING))
            .process(new AccountVerdictFunction<>(rules, settings), TypeInformation.of(VerdictChange.class))
            .name("publish-accounts")
            .uid(UID_PUBLISH);
    return accountChanges.union(clusterChanges);
  }
}
