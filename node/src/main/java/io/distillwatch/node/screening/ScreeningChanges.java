package io.distillwatch.node.screening;

import io.distillwatch.flink.stream.VerdictChange;

/**
 * Where screening changes go: the node's sinks (its store and, when configured, the Kafka output
 * topic), as verdict changes with {@code kind: "screening"} (DESIGN §4).
 */
interface ScreeningChanges extends AutoCloseable {
  /** The kind of a screening change. */
  String KIND = "screening";

  void emit(VerdictChange change) throws Exception;

  @Override
  void close();
}
