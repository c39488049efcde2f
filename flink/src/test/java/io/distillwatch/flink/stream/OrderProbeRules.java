package io.distillwatch.flink.stream;

import io.distillwatch.detect.Assessment;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * FOR TESTS of the streaming mechanics (ordering, failover, scale-out), not detection: the verdict
 * cycles benign → suspicious → distillation → benign every {@code period} events, and the score is a
 * hash of the account's events <em>in the order they were applied</em>. So verdict changes are
 * frequent, and any lost, repeated or reordered event changes the output.
 */
public final class OrderProbeRules implements AccountRules<OrderProbeRules.State> {
  private static final long serialVersionUID = 1L;
  private static final Verdict[] CYCLE = {Verdict.BENIGN, Verdict.SUSPICIOUS, Verdict.DISTILLATION};
  private final int period;

  /** @param period events per verdict step, ≥ 1 */
  public OrderProbeRules(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be >= 1");
    }
    this.period = period;
  }

  /** Events applied and the order-sensitive hash of them. */
  public static final class State {
    public long events;
    public long hash = 17;
  }

  @Override
  public State newState(String account) {
    return new State();
  }

  @Override
  public void update(State s, UsageEvent e) {
    s.events++;
    s.hash = s.hash * 1_000_003L + e.ts * 31 + (e.requestId == null ? 0 : e.requestId.hashCode());
  }

  @Override
  public Assessment assess(State s) {
    double score = (s.hash & 0xffff) / 65535.0;
    return new Assessment(score, CYCLE[(int) ((s.events / period) % CYCLE.length)]);
  }

  @Override
  public List<Signal> explain(State s) {
    return List.of(new Signal("probe.order", s.hash, 0, s.events + " events applied"));
  }

  @Override
  public org.apache.flink.api.common.typeutils.TypeSerializer<State> stateSerializer() {
    return StateSerializer.INSTANCE;
  }

  /** Two longs. */
  public static final class StateSerializer extends TypeSerializerSingleton<State> {
    private static final long serialVersionUID = 1L;
    static final StateSerializer INSTANCE = new StateSerializer();

    @Override
    public boolean isImmutableType() {
      return false;
    }

    @Override
    public State createInstance() {
      return new State();
    }

    @Override
    public State copy(State from) {
      State s = new State();
      s.events = from.events;
      s.hash = from.hash;
      return s;
    }

    @Override
    public State copy(State from, State reuse) {
      return copy(from);
    }

    @Override
    public int getLength() {
      return 16;
    }

    @Override
    public void serialize(State record, DataOutputView target) throws IOException {
      target.writeLong(record.events);
      target.writeLong(record.hash);
    }

    @Override
    public State deserialize(DataInputView source) throws IOException {
      State s = new State();
      s.events = source.readLong();
      s.hash = source.readLong();
      return s;
    }

    @Override
    public State deserialize(State reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      target.write(source, 16);
    }

    @Override
    public TypeSerializerSnapshot<State> snapshotConfiguration() {
      return new Snapshot();
    }

    /** No parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<State> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
