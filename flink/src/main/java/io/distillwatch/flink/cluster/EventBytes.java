package io.distillwatch.flink.cluster;

import io.distillwatch.detect.PromptDigest;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An event on its way to cluster detection, encoded once by the account pass, with its account beside
 * it: the event without its prompt texts ({@link UsageEventCodec}), the {@link PromptDigest} the
 * account pass made of them, and the event's position in its account's sequence (a deterministic
 * order for a cluster's events of equal time). The stages in between only read the account and move
 * bytes; without the texts the records that are shuffled, sorted and spilled are a fraction of the size.
 */
public class EventBytes {
  public String account;
  public byte[] event;

  public EventBytes() {}

  public EventBytes(String account, byte[] event) {
    this.account = account;
    this.event = event;
  }

  /** A decoded event: its place in its account's sequence, the event without texts, its digest. */
  public record Digested(long seq, UsageEvent event, PromptDigest digest) {}

  private static final ThreadLocal<DataOutputSerializer> BUFFER =
      ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

  /** Encodes {@code e} without its texts (restored before returning), with its digest. */
  public static EventBytes of(long seq, UsageEvent e, PromptDigest digest) {
    DataOutputSerializer out = BUFFER.get();
    out.clear();
    String system = e.system;
    String userText = e.userText;
    e.system = null;
    e.userText = null;
    try {
      out.writeLong(seq);
      UsageEventCodec.write(e, out);
      digest.write(out);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    } finally {
      e.system = system;
      e.userText = userText;
    }
    return new EventBytes(e.account, out.getCopyOfBuffer());
  }

  /** Decodes an encoded event; {@code in} is reused. */
  public static Digested decode(byte[] event, DataInputDeserializer in) {
    in.setBuffer(event);
    try {
      long seq = in.readLong();
      UsageEvent e = UsageEventCodec.read(in);
      return new Digested(seq, e, PromptDigest.read(in));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
