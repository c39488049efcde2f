package io.distillwatch.sharing.crossref;

import io.distillwatch.sharing.stix.InfrastructurePattern;
import io.distillwatch.template.PromptNormalizer;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The normal form of each identifier before it is compared, blinded or sent, so that two members
 * holding the same value produce the same bytes (docs/crossref.md, "Normalisation", with golden
 * vectors in {@code NormalizationTest}). Values that cannot be normalised are refused with a reason,
 * never guessed.
 */
public final class Normalization {

  /** Public mail providers: their domains say nothing about an account and are never blinded. */
  public static final Set<String> PUBLIC_MAIL_DOMAINS = Set.of(
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
      "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com",
      "gmx.de", "gmx.net", "web.de", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com",
      "sina.com", "naver.com", "zoho.com", "fastmail.com", "tutanota.com", "hey.com");

  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$");
  private static final Pattern JA3 = Pattern.compile("^[0-9a-f]{32}$");
  private static final Pattern JA4 = Pattern.compile("^[tqd][0-9]{2}[di][0-9]{4}[a-z0-9]{2}_[0-9a-f]{12}_[0-9a-f]{12}$");
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

  private Normalization() {}

  /**
   * The normal form of {@code raw} as an identifier of kind {@code kind}.
   *
   * @throws IllegalArgumentException when the value is not a valid identifier of that kind (the
   *     message never quotes the value: it may be a customer identifier)
   */
  public static String normalize(Identifier kind, String raw) {
    if (raw == null) {
      throw new IllegalArgumentException(kind.wireName() + ": no value");
    }
    String v = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(kind.wireName() + ": empty value");
    }
    return switch (kind) {
      case ASN -> asn(v);
      case NETWORK_RANGE -> InfrastructurePattern.cidr(v).value();
      case TLS_CLIENT -> tls(v);
      case PAYMENT_FINGERPRINT, ACCOUNT_ID -> opaque(kind, v);
      case EMAIL_DOMAIN -> emailDomain(v);
      case EMAIL_ADDRESS -> emailAddress(v);
      case SYSTEM_PROMPT -> skeleton(v);
      case IP_ADDRESS -> ip(v);
      case TEMPLATE_SKETCH, CAMPAIGN_PROFILE, API_KEY, PROMPT_TEXT ->
          throw new IllegalArgumentException(kind.wireName() + " has no textual normal form");
    };
  }

  private static String asn(String v) {
    String digits = v.toUpperCase(Locale.ROOT).replaceFirst("^AS\\s*", "");
    try {
      long n = Long.parseLong(digits);
      if (n >= 1 && n <= 4294967295L) {
        return Long.toString(n);
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalArgumentException("asn: not an AS number in [1, 4294967295]");
  }

  private static String tls(String v) {
    String t = v.toLowerCase(Locale.ROOT);
    if (JA3.matcher(t).matches() || JA4.matcher(t).matches()) {
      return t;
    }
    throw new IllegalArgumentException("tls_client: neither a JA3 hash (32 hex) nor a JA4 fingerprint");
  }

  private static String opaque(Identifier kind, String v) {
    if (v.length() > 256 || v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException(kind.wireName() + ": at most 256 characters, no spaces or controls");
    }
    return v; // case kept: processors' fingerprints are case-sensitive
  }

  private static String domain(String kindName, String v) {
    String d = v.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    try {
      d = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kindName + ": not a domain name");
    }
    if (!DOMAIN.matcher(d).matches()) {
      throw new IllegalArgumentException(kindName + ": not a domain name");
    }
    return d;
  }

  private static String emailDomain(String v) {
    int at = v.lastIndexOf('@');
    String d = domain("email_domain", at >= 0 ? v.substring(at + 1) : v);
    if (PUBLIC_MAIL_DOMAINS.contains(d)) {
      throw new IllegalArgumentException("email_domain: a public mail provider's domain says nothing about an account");
    }
    return d;
  }

  private static String emailAddress(String v) {
    int at = v.lastIndexOf('@');
    if (at <= 0 || at == v.length() - 1) {
      throw new IllegalArgumentException("email_address: not an e-mail address");
    }
    return v.substring(0, at).toLowerCase(Locale.ROOT) + "@" + domain("email_address", v.substring(at + 1));
  }

  private static String skeleton(String v) {
    String s = new PromptNormalizer().normalize(v).skeleton();
    if (s.isBlank()) {
      throw new IllegalArgumentException("system_prompt: nothing left after normalisation");
    }
    return s;
  }

  private static String ip(String v) {
    boolean v4 = IPV4.matcher(v).matches();
    if (!v4 && !v.contains(":")) {
      throw new IllegalArgumentException("ip_address: not an IP address");
    }
    try {
      return InetAddress.getByName(v).getHostAddress().toLowerCase(Locale.ROOT); // literal only: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("ip_address: not an IP address");
    }
  }
}
