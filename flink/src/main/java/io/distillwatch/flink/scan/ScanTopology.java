package io.distillwatch.flink.scan;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.cluster.ClusterAssignment;
import io.distillwatch.flink.cluster.ClusterDetectionFunction;
import io.distillwatch.flink.cluster.ClusterSortTime;
import io.distillwatch.flink.cluster.ClusterTagFunction;
import io.distillwatch.flink.cluster.ClusteredEvent;
import io.distillwatch.flink.cluster.LinkingFunction;
import io.distillwatch.flink.source.FileLinesSource;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.source.TriageFunction;
import io.distillwatch.flink.types.SerializerTypeInfo;
import io.distillwatch.ingest.InputFile;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ClusterResult;
import io.distillwatch.scan.ScanRequest;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scan topology as named stages (docs/architecture.md draws it), each built from the streams it
 * reads, so a test can start at any stage with its own source and collect any stage's output:
 *
 * <pre>
 * inputs ─► triage ─► detect-accounts ─┬─► drop-evidence ─► (accounts sink)
 *              └─► (rejections sink)   ├─► link-accounts ─┬─► (clusters sink)
 *                                      │                  └─► profiles-first ─┐
 *                                      └─(digested)─► tag-clusters ─► sort-time ─┴─► detect-clusters ─► (cluster scores sink)
 * </pre>
 */
public final class ScanTopology {
  private ScanTopology() {}

  /** What {@link #triage} hands on: accepted events and rejected lines. */
  public record Triaged(DataStream<UsageEvent> events, DataStream<Rejection> rejected) {}

  /** What {@link #link} hands on: clusters (for the report) and cluster scores (for their verdicts). */
  public record Linked(DataStream<ClusterResult> clusters, DataStream<AccountResult> clusterScores) {}

  /** The file source ({@code inputs}): one reader per file at most. */
  public static DataStream<IngestRecord> inputs(
      StreamExecutionEnvironment env, List<InputFile> inputs, ScanRequest request) {
    return env.fromSource(
            new FileLinesSource(inputs, request.format, request.mapSpecs),
            WatermarkStrategy.noWatermarks(),
            "inputs",
            TypeInformation.of(IngestRecord.class))
        .setParallelism(readers(inputs, request));
  }

  /** Readers of a scan: at most one per file, at most the parallelism. */
  static int readers(List<InputFile> inputs, ScanRequest request) {
    return Math.max(1, Math.min(request.parallelism, inputs.size()));
  }

  /**
   * {@code triage}, chained to the readers (same parallelism) so each file's rejections stay in
   * order; accepted events get their event time.
   */
  public static Triaged triage(DataStream<IngestRecord> records, int readers) {
    SingleOutputStreamOperator<UsageEvent> events =
        records.process(new TriageFunction(), SerializerTypeInfo.USAGE_EVENT).name("triage").setParallelism(readers);
    // The side output is taken before the timestamps are assigned, as the job always did: the order in
    // which transformations are created is part of the job graph, and the linker's examples (the first
    // holder of a value) follow the order records reach it.
    DataStream<Rejection> rejected = events.getSideOutput(TriageFunction.REJECTED);
    DataStream<UsageEvent> timed =
        events.assignTimestampsAndWatermarks(
            WatermarkStrategy.<UsageEvent>forBoundedOutOfOrderness(Duration.ZERO)
                .withTimestampAssigner((e, previous) -> e.ts));
    return new Triaged(timed, rejected);
  }

  /** {@code detect-accounts}: keyed by account, one result per account (with its link evidence). */
  public static SingleOutputStreamOperator<AccountResult> detectAccounts(DataStream<UsageEvent> events, ScanRequest request) {
    return events.keyBy(e -> e.account).process(new AccountDetectionFunction(request)).name("detect-accounts");
  }

  /** {@code drop-evidence}: results as the driver needs them, without their link evidence (the bulk at 1M accounts). */
  public static DataStream<AccountResult> withoutEvidence(DataStream<AccountResult> accounts) {
    return accounts.map(ScanTopology::withoutEvidence).name("drop-evidence");
  }

  /**
   * {@code link-accounts} (one operator, parallelism 1), then {@code tag-clusters} and {@code
   * detect-clusters}: the account pass hands every event on digested (no prompt texts), the assignments
   * are broadcast and, in batch mode, read before any event, so events need no second shuffle by
   * account. Each cluster's profile is stamped first so it reaches the cluster's detection before its
   * events.
   */
  public static Linked link(SingleOutputStreamOperator<AccountResult> accounts, ScanRequest request) {
    SingleOutputStreamOperator<ClusterAssignment> linked =
        accounts
            .keyBy(a -> 0)
            .process(new LinkingFunction(request))
            .setParallelism(1)
            .setMaxParallelism(1)
            .name("link-accounts");
    DataStream<ClusteredEvent> tagged =
        accounts
            .getSideOutput(AccountDetectionFunction.DIGESTED)
            .connect(linked.broadcast(ClusterTagFunction.ASSIGNMENTS))
            .process(new ClusterTagFunction(), SerializerTypeInfo.CLUSTERED_EVENT)
            .name("tag-clusters");
    DataStream<ClusteredEvent> profiles =
        linked
            .getSideOutput(LinkingFunction.PROFILES)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ClusteredEvent>noWatermarks()
                    .withTimestampAssigner((e, previous) -> Long.MIN_VALUE))
            .name("profiles-first");
    DataStream<AccountResult> clusterScores =
        tagged
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<ClusteredEvent>noWatermarks()
                    .withTimestampAssigner((e, eventTime) -> ClusterSortTime.of(eventTime)))
            .name("sort-time")
            .union(profiles)
            .keyBy(e -> e.ordinal, Types.INT)
            .process(new ClusterDetectionFunction(request))
            .name("detect-clusters");
    return new Linked(linked.getSideOutput(LinkingFunction.CLUSTERS), clusterScores);
  }

  private static AccountResult withoutEvidence(AccountResult r) {
    AccountResult copy = new AccountResult();
    copy.account = r.account;
    copy.score = r.score;
    copy.verdict = r.verdict;
    copy.cluster = r.cluster;
    copy.events = r.events;
    copy.firstFlaggedAt = r.firstFlaggedAt;
    copy.signals = new java.util.ArrayList<>(r.signals);
    copy.firstSeen = r.firstSeen;
    copy.lastSeen = r.lastSeen;
    copy.activityStart = r.activityStart;
    copy.activityBucketMillis = r.activityBucketMillis;
    copy.activity = r.activity;
    return copy;
  }
}
