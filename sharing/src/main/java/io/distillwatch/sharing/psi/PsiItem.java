package io.distillwatch.sharing.psi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One identifier to compare, normalised so both providers hash the same bytes: Unicode NFC, outer
 * whitespace removed, then per kind — {@code ip}: an IPv4 or IPv6 literal in Java's canonical form
 * (IPv4-mapped IPv6 becomes IPv4; no host names, no zone ids); {@code email}: lower case; any other
 * kind ({@code account}, {@code card}, ...) is compared as written. The kind is part of the hashed
 * bytes, so an account id never matches an e-mail with the same text.
 *
 * <p>Hashed bytes: {@code "distillwatch/psi/v1" 0x00 kind 0x00 value} (UTF-8), golden-tested.
 */
public record PsiItem(String kind, String value) {

  static final String DOMAIN = "distillwatch/psi/v1";

  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  /** Maximum value length in UTF-8 bytes. */
  public static final int MAX_VALUE_BYTES = 512;

  public PsiItem {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("kind must match " + KIND.pattern());
    }
    if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("value must be 1 to " + MAX_VALUE_BYTES + " bytes");
    }
  }

  /** The normalised item of {@code kind} (lower-cased) and {@code raw}. */
  public static PsiItem of(String kind, String raw) {
    String k = kind.trim().toLowerCase(Locale.ROOT);
    String v = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    return new PsiItem(k, switch (k) {
      case "ip" -> canonicalIp(v);
      case "email" -> v.toLowerCase(Locale.ROOT);
      default -> v;
    });
  }

  /**
   * Parses a set-file line: {@code kind:value}, or a bare value when {@code defaultKind} is given.
   */
  public static PsiItem parse(String line, String defaultKind) {
    if (defaultKind != null) {
      return of(defaultKind, line);
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected kind:value (e.g. ip:203.0.113.7)");
    }
    return of(line.substring(0, colon), line.substring(colon + 1));
  }

  private static String canonicalIp(String v) {
    // The pattern keeps InetAddress from ever resolving a host name (no DNS lookups on input).
    boolean v4 = IPV4.matcher(v).matches();
    if (!v4 && !(IP_LITERAL.matcher(v).matches() && v.indexOf(':') >= 0)) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 literal");
    }
    try {
      return InetAddress.getByName(v).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 literal");
    }
  }

  /** The domain-separated bytes that are hashed to the group. */
  public byte[] hashInput() {
    return (DOMAIN + '\0' + kind + '\0' + value).getBytes(StandardCharsets.UTF_8);
  }
}
