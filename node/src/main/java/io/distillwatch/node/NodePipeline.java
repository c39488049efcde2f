package io.distillwatch.node;

import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.stream.AccountRules;
import io.distillwatch.flink.stream.RecordParser;
import io.distillwatch.flink.stream.StreamJob;
import io.distillwatch.node.console.ConsoleFeed;
import io.distillwatch.node.store.StoreSink;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Assembles the node's job from a configuration: the source (Kafka topic or watched directory), the
 * detection ({@link StreamJob#detect}) and the sinks (store always; Kafka when configured). The same
 * assembly runs embedded ({@link Node}) and on a Flink cluster ({@link NodeJobMain}); tests pass their
 * own source stream to {@link #attachSinks}.
 */
public final class NodePipeline {
  public static final String UID_STORE_CHANGES = "store-changes";
  public static final String UID_KAFKA_CHANGES = "kafka-changes";

  private NodePipeline() {}

  /** The input records the configuration names, with timestamps and watermarks. */
  public static DataStream<IngestRecord> source(StreamExecutionEnvironment env, NodeConfig config) {
    RecordParser parser = new RecordParser(config.get("input.format"), config.mapSpecs());
    if (config.isKafkaInput()) {
      Properties props = new Properties();
      props.setProperty("partition.discovery.interval.ms", "60000");
      return StreamJob.fromKafka(
          env,
          config.get("kafka.bootstrap-servers"),
          config.get("kafka.input-topic"),
          config.get("kafka.group-id"),
          parser,
          config.streamSettings(),
          props);
    }
    return StreamJob.fromDirectory(
        env,
        config.dataDir().resolve(config.get("input.directory")).normalize(),
        config.duration("input.scan-interval"),
        parser,
        config.streamSettings());
  }

  /** Detection and every sink, over {@code records}. */
  public static <S> StreamJob.Outputs attachSinks(
      DataStream<IngestRecord> records, AccountRules<S> rules, NodeConfig config) {
    StreamJob.Outputs out = StreamJob.detect(records, rules, config.streamSettings());
    out.changes().sinkTo(StoreSink.changes(config.store())).name("store: verdict changes").uid(UID_STORE_CHANGES);
    out.rejections().sinkTo(StoreSink.rejections(config.store())).name("store: rejections").uid("store-rejections");
    out.late().sinkTo(StoreSink.lateEvents(config.store())).name("store: late events").uid("store-late");
    ConsoleFeed.attach(records, config.activitySettings(), config.duration("state.idle-expiry"), config.store());
    if (config.hasKafkaOutput()) {
      out.changes()
          .sinkTo(
              StreamJob.kafkaSink(
                  config.get("kafka.bootstrap-servers"),
                  config.get("kafka.output-topic"),
                  config.get("kafka.transactional-id-prefix"),
                  config.producerConfig(),
                  config.get("kafka.delivery").equals("exactly-once")
                      ? DeliveryGuarantee.EXACTLY_ONCE
                      : DeliveryGuarantee.AT_LEAST_ONCE))
          .name("kafka: verdict changes")
          .uid(UID_KAFKA_CHANGES);
    }
    return out;
  }

  /**
   * Flink settings for an embedded run: RocksDB state with retained checkpoints, restart on failure
   * (fixed delay, 10 attempts, 2 s apart), restore from {@code restorePath} if given, temp files and
   * RocksDB under the data directory, the node's metric reporter.
   */
  public static Configuration flinkConfiguration(NodeConfig config, String restorePath) {
    Configuration conf = new Configuration();
    StreamJob.checkpointed(conf, config.checkpointDir().toAbsolutePath().toUri().toString(), config.checkpointInterval());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
    conf.set(CoreOptions.TMP_DIRS, config.dataDir().resolve("tmp").toAbsolutePath().toString());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
    if (restorePath != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
    }
    conf.setString("metrics.reporter.node.factory.class", io.distillwatch.node.metrics.NodeMetricsReporter.Factory.class.getName());
    return conf;
  }
}
