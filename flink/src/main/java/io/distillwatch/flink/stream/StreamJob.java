package io.distillwatch.flink.stream;

import io.distillwatch.flink.source.TriageFunction;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.stream.clusters.StreamClusters;
import io.distillwatch.flink.types.SerializerTypeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The streaming detection job, in pieces the {@code node} service (and tests) assemble: a source of
 * {@link IngestRecord}s with event-time watermarks → triage → keyBy(account) →
 * {@link StreamDetectionFunction} → (with linking) the cluster stage of {@link StreamClusters} →
 * verdict changes of accounts and clusters, rejections and late events as three streams for the
 * caller's sinks. Operator uids are fixed so checkpoints and savepoints restore across versions.
 */
public final class StreamJob {
  public static final String UID_SOURCE = "events-source";
  public static final String UID_TRIAGE = "triage";
  public static final String UID_DETECT = "detect-accounts";

  private StreamJob() {}

  /** What the job produces. */
  public record Outputs(
      DataStream<VerdictChange> changes, DataStream<Rejection> rejections, DataStream<UsageEvent> late) {}

  /**
   * Bounded out-of-orderness on the event's {@code ts}, with idle-partition handling. Rejections carry
   * no event time ({@code Long.MIN_VALUE}) and so never move the watermark.
   */
  public static WatermarkStrategy<IngestRecord> watermarks(StreamSettings settings) {
    return WatermarkStrategy.<IngestRecord>forBoundedOutOfOrderness(settings.outOfOrderness)
        .withTimestampAssigner((r, previous) -> r.event == null ? Long.MIN_VALUE : r.event.ts)
        .withIdleness(settings.idleness);
  }

  /** Triage and per-account detection over records that already carry timestamps and watermarks. */
  public static <S> Outputs detect(
      DataStream<IngestRecord> records, AccountRules<S> rules, StreamSettings settings) {
    SingleOutputStreamOperator<UsageEvent> events =
        // Hand-written serializer for the shuffle to keyBy(account) (the POJO serializer cost ~10% of the job).
        records.process(new TriageFunction(), SerializerTypeInfo.USAGE_EVENT).name("triage").uid(UID_TRIAGE);
    StreamDetectionFunction<S> accounts =
        new StreamDetectionFunction<>(rules, settings.allowedLateness, settings.applyInterval, settings.dedupTtl)
            .withIdleStateExpiry(settings.idleStateExpiry);
    if (settings.linking) {
      accounts.withLinking();
    }
    SingleOutputStreamOperator<VerdictChange> accountStage =
        events
            .keyBy(e -> e.account)
            .process(accounts, TypeInformation.of(VerdictChange.class))
            .name("detect-accounts")
            .uid(UID_DETECT);
    DataStream<VerdictChange> changes =
        settings.linking ? StreamClusters.attach(accountStage, rules, settings) : accountStage;
    return new Outputs(
        changes,
        events.getSideOutput(TriageFunction.REJECTED),
        accountStage.getSideOutput(StreamDetectionFunction.LATE));
  }

  /**
   * Canonical events from a Kafka topic; watermarks per partition. Starts from the group's committed
   * offsets (earliest when it has none); offsets are committed on checkpoints, but on restore the
   * offsets in the checkpoint win.
   */
  public static DataStream<IngestRecord> fromKafka(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      String groupId,
      RecordParser parser,
      StreamSettings settings,
      Properties extra) {
    KafkaSource<IngestRecord> source =
        KafkaSource.<IngestRecord>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new KafkaEventDeserializer(parser))
            .setProperties(extra)
            .build();
    return env.fromSource(source, watermarks(settings), "kafka:" + topic).uid(UID_SOURCE);
  }

  /**
   * Lines of the files that appear in {@code dir} (checked every {@code scanInterval}); a file is read
   * once, when it appears, and must be complete by then (write elsewhere, then move it in). Rejections
   * name the directory; this source does not number lines.
   */
  public static DataStream<IngestRecord> fromDirectory(
      StreamExecutionEnvironment env,
      Path dir,
      Duration scanInterval,
      RecordParser parser,
      StreamSettings settings) {
    FileSource<String> source =
        FileSource.forRecordStreamFormat(
                new TextLineInputFormat(), new org.apache.flink.core.fs.Path(dir.toUri()))
            .monitorContinuously(scanInterval)
            .build();
    String origin = "dir:" + dir.getFileName();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "dir:" + dir)
        .uid(UID_SOURCE)
        .flatMap(new ParseLines(parser, origin), SerializerTypeInfo.INGEST_RECORD)
        .name("parse")
        .uid("parse-lines")
        .assignTimestampsAndWatermarks(watermarks(settings))
        .uid("watermarks");
  }

  /**
   * Verdict changes as JSON to {@code topic}, keyed by id (so one account's changes stay in order in
   * one partition). Exactly-once: Kafka transactions committed on checkpoints; consumers read with
   * {@code isolation.level=read_committed} and see a change up to one checkpoint interval later.
   */
  public static KafkaSink<VerdictChange> kafkaSink(
      String bootstrapServers, String topic, String transactionalIdPrefix, Properties producerConfig) {
    return kafkaSink(bootstrapServers, topic, transactionalIdPrefix, producerConfig, DeliveryGuarantee.EXACTLY_ONCE);
  }

  /**
   * As {@link #kafkaSink(String, String, String, Properties)} with a chosen guarantee; with
   * {@code AT_LEAST_ONCE} a change may be published again after a failover (same key and seq), and
   * consumers drop repeats by (kind, id, seq).
   */
  public static KafkaSink<VerdictChange> kafkaSink(
      String bootstrapServers,
      String topic,
      String transactionalIdPrefix,
      Properties producerConfig,
      DeliveryGuarantee guarantee) {
    Properties props = new Properties();
    // Must not exceed the broker's transaction.max.timeout.ms (15 min by default).
    props.setProperty("transaction.timeout.ms", "600000");
    props.putAll(producerConfig);
    return KafkaSink.<VerdictChange>builder()
        .setBootstrapServers(bootstrapServers)
        .setKafkaProducerConfig(props)
        .setRecordSerializer(new VerdictChangeRecords(topic))
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }

  /**
   * Checkpointing every {@code interval} (exactly-once) to {@code checkpointDir} with the RocksDB state
   * backend (incremental; timers on the heap), checkpoints retained on cancellation so a restarted
   * process can restore.
   */
  public static Configuration checkpointed(Configuration conf, String checkpointDir, Duration interval) {
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
    // Timers (one per buffered timestamp and account) on the heap, snapshotted with each checkpoint:
    // far cheaper than RocksDB timers; their number is bounded by the events inside the watermark lag.
    conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
    // Bloom filters: most state reads miss (a request id never seen before, a new account), and a miss
    // otherwise reads a block of every level-0 file; the per-event request-id check was the job's
    // largest RocksDB cost.
    conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    return conf;
  }

  private static final class ParseLines implements FlatMapFunction<String, IngestRecord> {
    private static final long serialVersionUID = 1L;
    private final RecordParser parser;
    private final String origin;

    ParseLines(RecordParser parser, String origin) {
      this.parser = parser;
      this.origin = origin;
    }

    @Override
    public void flatMap(String line, Collector<IngestRecord> out) {
      if (!line.isBlank()) {
        parser.parse(line.getBytes(StandardCharsets.UTF_8), origin, 0, out::collect);
      }
    }
  }
}
