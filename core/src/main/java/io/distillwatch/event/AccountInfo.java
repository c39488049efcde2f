package io.distillwatch.event;

/** What the provider knows about an account (DESIGN §2, accounts file). All fields optional but the id. */
public class AccountInfo {
  public String account;
  /** Creation time, epoch milliseconds, or null. */
  public Long createdAt;
  public String email;
  public String emailDomain;
  public String orgName;
  public String parentOrg;
  public Double ownershipPct;
  public String website;
  public String country;
  public String paymentFp;
  /** One of self-serve, education, startup, research, enterprise, or null. */
  public String signupPath;
  public Boolean verified;

  public AccountInfo() {}

  public AccountInfo(String account) {
    this.account = account;
  }

  /** The email domain, from {@link #emailDomain} or else the part of {@link #email} after '@'. */
  public String effectiveEmailDomain() {
    if (emailDomain != null && !emailDomain.isBlank()) {
      return emailDomain.trim().toLowerCase(java.util.Locale.ROOT);
    }
    if (email != null) {
      int at = email.lastIndexOf('@');
      if (at >= 0 && at < email.length() - 1) {
        return email.substring(at + 1).trim().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }
}
