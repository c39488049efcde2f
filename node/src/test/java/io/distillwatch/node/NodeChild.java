package io.distillwatch.node;

import io.distillwatch.flink.stream.OrderProbeRules;
import java.nio.file.Path;
import java.util.Map;

/** A node in a child JVM, for the whole-process kill test: {@code NodeChild node.properties}. */
public final class NodeChild {
  private NodeChild() {}

  public static void main(String[] args) throws Exception {
    NodeConfig config = NodeConfig.load(Path.of(args[0]), Map.of());
    Node node = Node.start(config, new OrderProbeRules(FailoverIT.PERIOD));
    System.out.println("restored-from=" + node.restoredFrom());
    System.out.flush();
    node.awaitTermination();
  }
}
