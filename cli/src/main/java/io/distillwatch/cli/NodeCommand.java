package io.distillwatch.cli;

import io.distillwatch.node.Node;
import io.distillwatch.node.NodeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distillwatch node}: continuous detection on Kafka or a watched directory, with store and HTTP API. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Run detection continuously: events from a Kafka topic (or files dropped into a directory),",
      "every verdict change to the store (H2 by default, PostgreSQL) and to a Kafka topic.",
      "Serves /healthz, /readyz, /metrics (Prometheus), the analyst console and /api/... (login or API token;",
      "the first admin's password is DISTILLWATCH_ADMIN_PASSWORD, else printed once; docs/console.md).",
      "Settings: docs/deployment.md. Exit codes: 0 stopped, 1 job failed, 2 usage error, 3 config unreadable."
    })
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with node settings.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting. Repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--input", paramLabel = "kafka|directory", description = "Input kind (setting input).")
  String input;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka brokers.")
  String bootstrapServers;

  @Option(names = "--input-topic", description = "Kafka topic of canonical events.")
  String inputTopic;

  @Option(names = "--output-topic", description = "Kafka topic for verdict changes.")
  String outputTopic;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Checkpoints, embedded store, inbox.")
  String dataDir;

  @Option(names = "--store-url", paramLabel = "JDBC_URL", description = "Store (default: embedded H2 in the data dir).")
  String storeUrl;

  @Option(names = "--http-port", description = "HTTP API port (0 = any free port).")
  Integer httpPort;

  @Option(names = "--parallelism", description = "Flink parallelism.")
  Integer parallelism;

  @Option(names = "--restore", paramLabel = "latest|none|PATH", description = "Checkpoint or savepoint to restore.")
  String restore;

  @Option(names = "--check", description = "Validate the settings, print them and exit without starting.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodeConfig nodeConfig;
    try {
      if (config != null && !Files.isReadable(config)) {
        err.println("error: cannot read config file " + config);
        return ExitCodes.INPUT_UNREADABLE;
      }
      nodeConfig = NodeConfig.load(config, overrides());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("error: cannot read config file " + config + ": " + e.getMessage());
      return ExitCodes.INPUT_UNREADABLE;
    }
    if (check) {
      for (String key : NodeConfig.DEFAULTS.keySet()) {
        String value = key.endsWith("password") && !nodeConfig.get(key).isEmpty() ? "***" : nodeConfig.get(key);
        out.println(key + "=" + value);
      }
      out.flush();
      return ExitCodes.OK;
    }
    try {
      Node node = Node.start(nodeConfig);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node)));
      out.println("node: console and API on http://" + nodeConfig.get("http.host") + ":" + node.httpPort() + "/"
          + (node.restoredFrom() == null ? ", fresh start" : ", restored from " + node.restoredFrom()));
      out.flush();
      node.awaitTermination();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (Exception e) {
      err.println("error: the node stopped: " + e.getMessage());
      return 1;
    }
  }

  private Map<String, String> overrides() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "input", input);
    put(m, "kafka.bootstrap-servers", bootstrapServers);
    put(m, "kafka.input-topic", inputTopic);
    put(m, "kafka.output-topic", outputTopic);
    put(m, "data.dir", dataDir);
    put(m, "store.url", storeUrl);
    put(m, "http.port", httpPort == null ? null : httpPort.toString());
    put(m, "parallelism", parallelism == null ? null : parallelism.toString());
    put(m, "restore", restore);
    m.putAll(set);
    return m;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void closeQuietly(Node node) {
    try {
      node.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }
}
