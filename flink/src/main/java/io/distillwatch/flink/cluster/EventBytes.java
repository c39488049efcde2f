package io.distillwatch.flink.cluster;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An event on its way to cluster detection, kept encoded ({@link UsageEventCodec}) with its account
 * beside it: the stages between triage and cluster detection only read the account and move bytes,
 * so the event is encoded once and decoded once instead of at every shuffle and sort.
 */
public class EventBytes {
  public String account;
  public byte[] event;

  public EventBytes() {}

  public EventBytes(String account, byte[] event) {
    this.account = account;
    this.event = event;
  }

  private static final ThreadLocal<DataOutputSerializer> BUFFER =
      ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

  public static EventBytes of(UsageEvent e) {
    DataOutputSerializer out = BUFFER.get();
    out.clear();
    try {
      UsageEventCodec.write(e, out);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return new EventBytes(e.account, out.getCopyOfBuffer());
  }

  /** Decodes an event; {@code in} is reused. */
  public static UsageEvent decode(byte[] event, DataInputDeserializer in) {
    in.setBuffer(event);
    try {
      return UsageEventCodec.read(in);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
