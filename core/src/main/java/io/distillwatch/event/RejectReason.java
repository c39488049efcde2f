package io.distillwatch.event;

/** Stable reason codes for rejected lines. Codes never change meaning once released. */
public enum RejectReason {
  INVALID_JSON("invalid_json"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_FIELD("missing_field"),
  INVALID_FIELD("invalid_field"),
  LINE_TOO_LONG("line_too_long"),
  INVALID_TIMESTAMP("invalid_timestamp"),
  INVALID_UTF8("invalid_utf8"),
  TOO_DEEPLY_NESTED("too_deeply_nested"),
  UNKNOWN_FORMAT("unknown_format");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
