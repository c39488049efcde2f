package io.distillwatch.hub.store;

/** A database failure (not the client's fault): the server answers 500 without details. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
