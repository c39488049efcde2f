package io.distillwatch.hub.taxii;

import java.util.Locale;

/** TAXII 2.1 media types and the content negotiation rules the hub applies. */
public final class TaxiiMedia {

  public static final String TAXII = "application/taxii+json;version=2.1";
  public static final String STIX = "application/stix+json;version=2.1";

  private TaxiiMedia() {}

  /**
   * Whether an {@code Accept} header admits TAXII 2.1 JSON. Absent admits it; otherwise the most
   * specific range that matches decides ({@code application/taxii+json;version=2.1}, then {@code
   * application/taxii+json}, {@code application/*}, {@code *}{@code /*}), and a weight {@code q=0}
   * refuses (RFC 9110 §12.5.1): {@code application/taxii+json;q=0, *}{@code /*} is not acceptable.
   */
  public static boolean acceptable(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    int bestSpecificity = -1;
    boolean bestAdmits = false;
    for (String range : accept.split(",")) {
      String r = range.trim().toLowerCase(Locale.ROOT);
      String type = r.split(";")[0].trim();
      int specificity;
      if (type.equals("application/taxii+json") && versionOk(r)) {
        specificity = hasVersion(r) ? 3 : 2;
      } else if (type.equals("application/*")) {
        specificity = 1;
      } else if (type.equals("*/*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        bestAdmits = weight(r) > 0;
      }
    }
    return bestAdmits;
  }

  private static boolean hasVersion(String mediaRange) {
    for (String p : mediaRange.split(";")) {
      if (p.trim().startsWith("version=")) {
        return true;
      }
    }
    return false;
  }

  /** The {@code q} parameter of a media range (1 when absent or unreadable). */
  private static double weight(String mediaRange) {
    for (String p : mediaRange.split(";")) {
      String t = p.trim();
      if (t.startsWith("q=")) {
        try {
          return Double.parseDouble(t.substring(2).trim());
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
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
