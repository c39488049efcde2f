package io.distillwatch.flink.cluster;

import io.distillwatch.detect.AccountState;
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

  /**
   * A decoded event: its place in its account's sequence, the event without texts, its digest (to be
   * restored with {@link PromptDigest.Chain} in the account's order before it is folded).
   */
  public record Digested(long seq, UsageEvent event, PromptDigest digest) {}

  private static final ThreadLocal<DataOutputSerializer> BUFFER =
      ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

  /**
   * Encodes {@code e} without its texts and the fields detection does not read (request id, API key,
   * AS name, country; all restored before returning), with its digest relative to the account's
   * previous ones ({@link PromptDigest.Writer}); {@code before} is the account's state before the
   * event is folded into it.
   */
  public static EventBytes of(long seq, UsageEvent e, PromptDigest digest, PromptDigest.Writer writer, AccountState before) {
    DataOutputSerializer out = BUFFER.get();
    out.clear();
    String system = e.system;
    String userText = e.userText;
    String requestId = e.requestId;
    String apiKey = e.apiKey;
    String asnOrg = e.asnOrg;
    String country = e.country;
    e.system = null;
    e.userText = null;
    e.requestId = null;
    e.apiKey = null;
    e.asnOrg = null;
    e.country = null;
    try {
      out.writeLong(seq);
      UsageEventCodec.write(e, out);
      writer.write(out, digest, before);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    } finally {
      e.system = system;
      e.userText = userText;
      e.requestId = requestId;
      e.apiKey = apiKey;
      e.asnOrg = asnOrg;
      e.country = country;
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
