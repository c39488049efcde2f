package io.distillwatch.flink.source;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;

/** One input record as read: an accepted event or a rejection (a Flink POJO). */
public class IngestRecord {
  /** Null when rejected. */
  public UsageEvent event;
  /** Null when accepted. */
  public Rejection rejection;
  /** Names of optional fields dropped as invalid, comma-separated, or null. */
  public String fieldErrors;

  public IngestRecord() {}

  static IngestRecord accepted(UsageEvent event, String fieldErrors) {
    IngestRecord r = new IngestRecord();
    r.event = event;
    r.fieldErrors = fieldErrors;
    return r;
  }

  static IngestRecord rejected(Rejection rejection) {
    IngestRecord r = new IngestRecord();
    r.rejection = rejection;
    return r;
  }
}
