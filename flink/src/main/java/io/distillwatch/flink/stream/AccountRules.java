package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The per-account rules the streaming job applies, with the serializer of their state. Production uses
 * {@link DetectorRules} (the core {@code Detector}, as {@code scan} does); tests of the streaming
 * mechanics (ordering, failover, scale-out) plug in small deterministic rules whose verdicts change
 * often and depend on event order.
 *
 * @param <S> per-account state, mutable, kept in Flink keyed state
 */
public interface AccountRules<S> extends Serializable {
  /** Called once per operator instance before use (loads side data). */
  default void open() {}

  S newState(String account);

  void update(S state, UsageEvent event);

  Assessment assess(S state);

  List<Signal> explain(S state);

  TypeSerializer<S> stateSerializer();
}
