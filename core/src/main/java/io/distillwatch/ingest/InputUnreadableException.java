package io.distillwatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An input path that is missing or cannot be read. Commands map it to exit code 3. */
public class InputUnreadableException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public InputUnreadableException(String message, IOException cause) {
    super(message, cause);
  }

  public InputUnreadableException(String message) {
    super(message, new IOException(message));
  }
}
