package io.distillwatch.node;

import io.distillwatch.flink.stream.DetectorRules;
import io.distillwatch.node.store.NodeStore;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for a Flink cluster (application mode): {@code NodeJobMain node.properties}. The same
 * assembly as the embedded node, without the HTTP API (the cluster's own REST API and metric reporters
 * take that role); checkpointing, state backend and restarts come from the cluster configuration
 * (see docs/deployment.md).
 */
public final class NodeJobMain {
  private NodeJobMain() {}

  public static void main(String[] args) throws Exception {
    NodeConfig config = NodeConfig.load(args.length > 0 ? Path.of(args[0]) : null, Map.of());
    NodeStore.migrate(config.store());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    NodePipeline.attachSinks(NodePipeline.source(env, config), new DetectorRules(config.sideFiles()), config);
    env.execute("distillwatch-node");
  }
}
