package io.distillwatch.screening.lists;

/** A list file that cannot be used at all (unreadable, wrong format, DOCTYPE in XML). */
public class ListFormatException extends Exception {
  public ListFormatException(String message) {
    super(message);
  }

  public ListFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
