package io.distillwatch.flink.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.distillwatch.event.Signal;
import io.distillwatch.util.Times;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;

/**
 * One verdict change (DESIGN §4): {@code {"kind", "id", "from", "to", "score", "at", "signals",
 * "seq"}}. {@code seq} counts the changes of one (kind, id) from 1 and, with them, identifies the
 * change: downstream writes keyed by (kind, id, seq) are idempotent under replay. A Flink POJO; the
 * evidence is carried as its JSON array so no generic collection type is serialized.
 */
public class VerdictChange {
  public static final String ACCOUNT = "account";
  public static final String CLUSTER = "cluster";
  private static final JsonFactory JSON = new JsonFactory();

  public String kind;
  public String id;
  public String from;
  public String to;
  public double score;
  /** Event time (epoch ms) of the event that caused the change. */
  public long at;
  /** The non-zero signals as a JSON array of {@code {"id","value","contribution","evidence"}}. */
  public String signals;
  public long seq;

  public VerdictChange() {}

  public VerdictChange(
      String kind, String id, String from, String to, double score, long at, String signals, long seq) {
    this.kind = kind;
    this.id = id;
    this.from = from;
    this.to = to;
    this.score = score;
    this.at = at;
    this.signals = signals;
    this.seq = seq;
  }

  /** The signals as the JSON array embedded in {@link #toJson()}. */
  public static String signalsJson(List<Signal> signals) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartArray();
      for (Signal s : signals) {
        g.writeStartObject();
        g.writeStringField("id", s.id);
        g.writeNumberField("value", s.value);
        g.writeNumberField("contribution", s.contribution);
        g.writeStringField("evidence", s.evidence);
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  /** The wire form written to Kafka, one JSON object. */
  public String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("kind", kind);
      g.writeStringField("id", id);
      g.writeStringField("from", from);
      g.writeStringField("to", to);
      g.writeNumberField("score", score);
      g.writeStringField("at", Times.format(at));
      g.writeFieldName("signals");
      g.writeRawValue(signals == null ? "[]" : signals);
      g.writeNumberField("seq", seq);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VerdictChange)) {
      return false;
    }
    VerdictChange v = (VerdictChange) o;
    return Objects.equals(kind, v.kind) && Objects.equals(id, v.id) && Objects.equals(from, v.from)
        && Objects.equals(to, v.to) && Double.compare(score, v.score) == 0 && at == v.at
        && Objects.equals(signals, v.signals) && seq == v.seq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, id, seq, to, at);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
