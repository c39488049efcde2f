package io.distillwatch.sharing.stix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * STIX patterns for infrastructure only (DESIGN §5, "what may travel in clear"): an autonomous
 * system, an IPv4 range of /24 or wider (IPv6: /48 or wider), or a reseller domain. Anything
 * narrower could single out a customer, so the factory methods refuse it.
 */
public record InfrastructurePattern(String kind, String value, String pattern) {

  /** Narrowest IPv4 prefix that may be shared: /24. */
  public static final int MAX_IPV4_PREFIX = 24;

  /** Narrowest IPv6 prefix that may be shared: /48. */
  public static final int MAX_IPV6_PREFIX = 48;

  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

  /** {@code [autonomous-system:number = N]}, N in 1..4294967295. */
  public static InfrastructurePattern asn(long number) {
    if (number < 1 || number > 4294967295L) {
      throw new IllegalArgumentException("ASN out of range: " + number);
    }
    return new InfrastructurePattern("asn", "AS" + number, "[autonomous-system:number = " + number + "]");
  }

  /** {@code [ipv4-addr:value ISSUBSET 'a.b.c.0/24']} (or ipv6-addr); the range is normalised. */
  public static InfrastructurePattern cidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR range (single addresses are never shared)");
    }
    String addr = cidr.substring(0, slash).trim();
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + cidr);
    }
    boolean v4 = IPV4.matcher(addr).matches();
    if (!v4 && !addr.contains(":")) {
      throw new IllegalArgumentException("not an IP range: " + cidr);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress(); // literal only: checked above, no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP range: " + cidr);
    }
    int max = v4 ? MAX_IPV4_PREFIX : MAX_IPV6_PREFIX;
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalArgumentException("bad prefix length in " + cidr);
    }
    if (prefix > max) {
      throw new IllegalArgumentException(
          "range /" + prefix + " is narrower than /" + max + ": it could identify a customer");
    }
    for (int bit = prefix; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    String network;
    try {
      network = InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    String normalised = network + "/" + prefix;
    String type = v4 ? "ipv4-addr" : "ipv6-addr";
    return new InfrastructurePattern("cidr", normalised, "[" + type + ":value ISSUBSET '" + normalised + "']");
  }

  /** {@code [domain-name:value = 'reseller.example']}; letters, digits, hyphens and dots only. */
  public static InfrastructurePattern resellerDomain(String domain) {
    String d = domain.trim().toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (!DOMAIN.matcher(d).matches()) {
      throw new IllegalArgumentException("not a domain name: " + domain);
    }
    return new InfrastructurePattern("domain", d, "[domain-name:value = '" + d + "']");
  }
}
