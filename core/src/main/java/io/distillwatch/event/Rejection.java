package io.distillwatch.event;

/** A rejected input line (DESIGN §4, {@code rejected.jsonl}). */
public class Rejection {
  public String file;
  /** Physical line number, from 1. */
  public long line;
  /** Stable reason code, see {@link RejectReason}. */
  public String reason;
  public String detail;
  /** At most 200 characters of the line, secrets redacted. */
  public String excerpt;

  public Rejection() {}

  public Rejection(String file, long line, RejectReason reason, String detail, String excerpt) {
    this.file = file;
    this.line = line;
    this.reason = reason.code();
    this.detail = detail;
    this.excerpt = excerpt;
  }
}
