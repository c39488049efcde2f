package io.distillwatch.ingest;

import io.distillwatch.event.RejectReason;

/** Control flow for a record that cannot be accepted; no stack trace, so it is cheap to throw. */
final class Reject extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final RejectReason reason;

  Reject(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
