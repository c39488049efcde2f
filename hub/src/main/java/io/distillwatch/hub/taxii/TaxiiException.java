package io.distillwatch.hub.taxii;

/**
 * A request the hub refuses; becomes a TAXII 2.1 error message with {@code http_status}, a short
 * {@code title}, a {@code description} safe to show the client and a stable {@code error_code}.
 */
public final class TaxiiException extends RuntimeException {

  private final int status;
  private final String title;
  private final String errorCode;
  private final String allow;

  public TaxiiException(int status, String title, String errorCode, String description) {
    this(status, title, errorCode, description, null);
  }

  private TaxiiException(int status, String title, String errorCode, String description, String allow) {
    super(description, null, false, false);
    this.status = status;
    this.title = title;
    this.errorCode = errorCode;
    this.allow = allow;
  }

  /** 405, with the methods the resource does support (for the {@code Allow} header). */
  public static TaxiiException methodNotAllowed(String allow) {
    return new TaxiiException(405, "Method Not Allowed", "method-not-allowed",
        "this resource supports " + allow, allow);
  }

  /** The {@code Allow} header value of a 405, or null. */
  public String allow() {
    return allow;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String errorCode() {
    return errorCode;
  }

  public static TaxiiException badRequest(String code, String description) {
    return new TaxiiException(400, "Bad Request", code, description);
  }

  public static TaxiiException forbidden(String code, String description) {
    return new TaxiiException(403, "Forbidden", code, description);
  }

  public static TaxiiException notFound(String description) {
    return new TaxiiException(404, "Not Found", "not-found", description);
  }

  public static TaxiiException unprocessable(String code, String description) {
    return new TaxiiException(422, "Unprocessable Entity", code, description);
  }
}
