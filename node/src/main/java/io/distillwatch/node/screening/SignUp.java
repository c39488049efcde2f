package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.AccountInfo;

/**
 * One account as the accounts file (DESIGN §2) and the accounts topic carry it, read for screening:
 * {@code account}, {@code org_name}, {@code parent_org}, {@code ownership_pct}, {@code email},
 * {@code email_domain}, {@code website}, {@code country}. Other fields are ignored.
 */
final class SignUp {
  private SignUp() {}

  /** Thrown for a value a caller must fix; its message says which field and why. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  /**
   * @param requireAccount whether {@code account} must be present (topic records: yes; a sign-up
   *     checked before the account exists: no)
   */
  static AccountInfo parse(JsonNode o, boolean requireAccount) throws Invalid {
    if (o == null || !o.isObject()) {
      throw new Invalid("the body must be a JSON object");
    }
    String account = text(o, "account");
    if (requireAccount && account == null) {
      throw new Invalid("account is required");
    }
    AccountInfo a = new AccountInfo(account == null ? "sign-up" : account);
    a.orgName = text(o, "org_name");
    a.parentOrg = text(o, "parent_org");
    a.email = text(o, "email");
    a.emailDomain = text(o, "email_domain");
    a.website = text(o, "website");
    a.country = text(o, "country");
    JsonNode pct = o.get("ownership_pct");
    if (pct != null && !pct.isNull()) {
      if (!pct.isNumber() || pct.asDouble() < 0 || pct.asDouble() > 100) {
        throw new Invalid("ownership_pct must be a number in [0, 100]");
      }
      a.ownershipPct = pct.asDouble();
    }
    return a;
  }

  /** Whether the account gives anything to screen: an organisation, an email domain or a website. */
  static boolean screenable(AccountInfo a) {
    return a.orgName != null || a.parentOrg != null || a.effectiveEmailDomain() != null
        || a.website != null;
  }

  private static String text(JsonNode o, String field) throws Invalid {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Invalid(field + " must be a string");
    }
    String t = v.asText().trim();
    if (t.length() > 1000) {
      throw new Invalid(field + " is longer than 1000 characters");
    }
    return t.isEmpty() ? null : t;
  }
}
