package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.linking.AccountEvidence;
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

  /** Events the state has seen; evidence for linking is extracted as this passes 1, 2, 4, 8, … */
  default long events(S state) {
    return 0;
  }

  /** What the account shares with others, for linking; null when these rules do not link. */
  default AccountEvidence evidence(S state) {
    return null;
  }

  /** The accounts-file record of an account, or null. */
  default AccountInfo accountInfo(String account) {
    return null;
  }

  /** A cluster's profile (its members' records combined), read when the rules score the cluster. */
  default void profile(String id, AccountInfo profile) {}

  /** Thresholds and switches in force (the cluster inheritance rule reads them), after {@link #open}. */
  default DetectionConfig config() {
    return DetectionConfig.defaults();
  }

  /** Why an account is allowlisted (its inherited verdict is capped), or null. */
  default String allowlistReason(String account) {
    return null;
  }
}
