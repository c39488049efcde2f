package io.distillwatch.node.store;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.VerdictChange;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink writing into the node store in small transactions: records are written when
 * {@value #MAX_BATCH} are buffered, {@value #MAX_DELAY_MS} ms after the first of a batch arrived, and
 * before every checkpoint (and at the end of input), each batch in one transaction ({@link
 * NodeStore#recordAll}). At-least-once (records after the last checkpoint are replayed on restore) made
 * effectively exactly-once by the store's idempotent, keyed writes; a record is visible within
 * {@value #MAX_DELAY_MS} ms, without waiting for a checkpoint. One commit per batch instead of one per
 * record: with H2 a record's own transaction cost about as much as its writes.
 */
public final class StoreSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  static final int MAX_BATCH = 256;
  static final long MAX_DELAY_MS = 100;
  private final StoreConfig config;
  private final NodeStore.Kind<T> kind;

  private StoreSink(StoreConfig config, NodeStore.Kind<T> kind) {
    this.config = config;
    this.kind = kind;
  }

  public static StoreSink<VerdictChange> changes(StoreConfig config) {
    return new StoreSink<>(config, NodeStore.Kind.CHANGES);
  }

  public static StoreSink<Rejection> rejections(StoreConfig config) {
    return new StoreSink<>(config, NodeStore.Kind.REJECTIONS);
  }

  public static StoreSink<UsageEvent> lateEvents(StoreConfig config) {
    return new StoreSink<>(config, NodeStore.Kind.LATE_EVENTS);
  }

  public static StoreSink<io.distillwatch.node.console.ConsoleRow> consoleRows(StoreConfig config) {
    return new StoreSink<>(config, NodeStore.Kind.CONSOLE_ROWS);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    NodeStore store = NodeStore.connect(config);
    ProcessingTimeService time = context.getProcessingTimeService();
    return new SinkWriter<>() {
      private final List<T> batch = new ArrayList<>();
      private boolean timerSet;

      @Override
      public void write(T element, Context ctx) {
        batch.add(element);
        if (batch.size() >= MAX_BATCH) {
          writeBatch();
        } else if (!timerSet) {
          timerSet = true;
          // runs in the task's mailbox thread, like write(): no concurrent access
          time.registerTimer(
              time.getCurrentProcessingTime() + MAX_DELAY_MS,
              t -> {
                timerSet = false;
                writeBatch();
              });
        }
      }

      private void writeBatch() {
        store.recordAll(batch, kind);
        batch.clear();
      }

      @Override
      public void flush(boolean endOfInput) {
        writeBatch(); // before the checkpoint barrier: a checkpoint covers every record before it
      }

      @Override
      public void close() {
        store.close(); // unwritten records are after the last checkpoint: replayed on restore
      }
    };
  }
}
