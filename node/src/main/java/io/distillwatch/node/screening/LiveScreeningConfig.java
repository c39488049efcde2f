package io.distillwatch.node.screening;

import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.store.StoreConfig;
import io.distillwatch.screening.OwnershipPolicy;
import io.distillwatch.screening.ScreeningOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Live screening's settings, from the node's {@code screening.*} keys (docs/deployment.md):
 * {@code screening.lists} (the watched directory; empty: live screening off), {@code
 * screening.accounts-topic} (Kafka topic of accounts; else the node's {@code accounts} file is
 * watched), {@code screening.scan-interval}, {@code screening.list-date}, {@code screening.policy},
 * {@code screening.config}.
 */
public record LiveScreeningConfig(
    Path listsDir,
    ScreeningOptions options,
    StoreConfig store,
    String kafkaBootstrap,
    String outputTopic,
    Path accountsFile,
    AccountsTopic.Settings accountsTopic,
    Duration interval) {

  /** The settings, or null when {@code screening.lists} is not set. */
  public static LiveScreeningConfig from(NodeConfig c) throws IOException {
    String lists = c.get("screening.lists");
    if (lists.isEmpty()) {
      return null;
    }
    ScreeningOptions o = c.get("screening.config").isEmpty()
        ? ScreeningOptions.defaults() : ScreeningOptions.fromFile(Path.of(c.get("screening.config")));
    o = o.withListDate(c.get("screening.list-date").isEmpty() ? null : c.get("screening.list-date"));
    if (!c.get("screening.policy").isEmpty()) {
      o = o.withPolicy(OwnershipPolicy.fromFile(Path.of(c.get("screening.policy"))));
    }
    String bootstrap = c.get("kafka.bootstrap-servers");
    String topic = c.get("screening.accounts-topic");
    if (!topic.isEmpty() && bootstrap.isEmpty()) {
      throw new IllegalArgumentException("screening.accounts-topic needs kafka.bootstrap-servers");
    }
    return new LiveScreeningConfig(
        Path.of(lists),
        o,
        c.store(),
        c.hasKafkaOutput() ? bootstrap : null,
        c.hasKafkaOutput() ? c.get("kafka.output-topic") : null,
        topic.isEmpty() && !c.get("accounts").isEmpty() ? Path.of(c.get("accounts")) : null,
        topic.isEmpty() ? null : new AccountsTopic.Settings(bootstrap, topic),
        c.duration("screening.scan-interval"));
  }
}
