package io.distillwatch.hub.taxii;

import java.util.Locale;

/** TAXII 2.1 media types and the content negotiation rules the hub applies. */
public final class TaxiiMedia {

  public static final String TAXII = "application/taxii+json;version=2.1";
  public static final String STIX = "application/stix+json;version=2.1";

  private TaxiiMedia() {}

  /**
   * Whether an {@code Accept} header admits TAXII 2.1 JSON: absent, {@code *}{@code /*}, {@code
   * application/*}, or {@code application/taxii+json} with no version or version 2.1.
   */
  public static boolean acceptable(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String r = range.trim().toLowerCase(Locale.ROOT);
      String type = r.split(";")[0].trim();
      if (type.equals("*/*") || type.equals("application/*")) {
        return true;
      }
      if (type.equals("application/taxii+json") && versionOk(r)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a request {@code Content-Type} is TAXII 2.1 JSON. */
  public static boolean isTaxii(String contentType) {
    if (contentType == null) {
      return false;
    }
    String c = contentType.trim().toLowerCase(Locale.ROOT);
    return c.split(";")[0].trim().equals("application/taxii+json") && versionOk(c);
  }

  private static boolean versionOk(String mediaType) {
    String[] parts = mediaType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("version=")) {
        return p.substring("version=".length()).trim().replace("\"", "").equals("2.1");
      }
    }
    return true;
  }
}
