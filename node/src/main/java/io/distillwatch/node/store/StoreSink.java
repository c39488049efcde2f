package io.distillwatch.node.store;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.stream.VerdictChange;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink writing into the node store, one transaction per record. At-least-once (records after
 * the last checkpoint are replayed on restore) made effectively exactly-once by the store's idempotent,
 * keyed writes; a record is visible as soon as it is written, without waiting for a checkpoint.
 */
public final class StoreSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final StoreConfig config;
  private final Write<T> write;

  private StoreSink(StoreConfig config, Write<T> write) {
    this.config = config;
    this.write = write;
  }

  public static StoreSink<VerdictChange> changes(StoreConfig config) {
    return new StoreSink<>(config, NodeStore::recordChange);
  }

  public static StoreSink<Rejection> rejections(StoreConfig config) {
    return new StoreSink<>(config, NodeStore::recordRejection);
  }

  public static StoreSink<UsageEvent> lateEvents(StoreConfig config) {
    return new StoreSink<>(config, NodeStore::recordLate);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    NodeStore store = NodeStore.connect(config);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        write.apply(store, element);
      }

      @Override
      public void flush(boolean endOfInput) {
        // every write is committed as it happens
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  /** How one record is written. */
  @FunctionalInterface
  public interface Write<T> extends Serializable {
    void apply(NodeStore store, T value);
  }
}
