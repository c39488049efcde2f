package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.AccountInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The accounts file (DESIGN §2): JSON Lines, optionally gzipped, one account per line. {@code account}
 * is required; every other field is optional and dropped (counted) when invalid. {@code created_at}
 * is RFC 3339 or an epoch number. Blank lines and lines starting with {@code #} are skipped.
 */
public final class AccountsFile {
  /** Accepted {@code signup_path} values. */
  public static final Set<String> SIGNUP_PATHS = Set.of("self-serve", "education", "startup", "research", "enterprise");

  private AccountsFile() {}

  /** @throws InputUnreadableException when the file cannot be read */
  public static LoadedFile<AccountInfo> load(Path path) {
    return SideFiles.load(path, AccountsFile::map, null);
  }

  private static Map.Entry<String, AccountInfo> map(JsonNode o, Values val) {
    AccountInfo a = new AccountInfo(Values.requiredAccount(o.get("account"), "account"));
    a.createdAt = SideFiles.optionalTime(o.get("created_at"), val, "created_at");
    a.email = val.string(o.get("email"), "email");
    a.emailDomain = val.string(o.get("email_domain"), "email_domain");
    a.orgName = val.string(o.get("org_name"), "org_name");
    a.parentOrg = val.string(o.get("parent_org"), "parent_org");
    Double pct = val.nonNegative(o.get("ownership_pct"), "ownership_pct");
    if (pct != null && pct > 100) {
      val.invalid("ownership_pct");
      pct = null;
    }
    a.ownershipPct = pct;
    a.website = val.string(o.get("website"), "website");
    a.country = val.string(o.get("country"), "country");
    a.paymentFp = val.idString(o.get("payment_fp"), "payment_fp");
    String path = val.string(o.get("signup_path"), "signup_path");
    if (path != null && !SIGNUP_PATHS.contains(path)) {
      val.invalid("signup_path");
      path = null;
    }
    a.signupPath = path;
    a.verified = val.bool(o.get("verified"), "verified");
    return Map.entry(a.account, a);
  }
}
