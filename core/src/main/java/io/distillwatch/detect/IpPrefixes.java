package io.distillwatch.detect;

/**
 * Network prefixes used as linking evidence: IPv4 /24 and IPv6 /64 (one subscriber's or one
 * machine's network, the usual unit of IPv6 assignment).
 */
public final class IpPrefixes {
  private IpPrefixes() {}

  /** "a.b.c.0/24" for IPv4, "w:x:y:z::/64" for IPv6, or null when {@code ip} is not an address. */
  public static String prefix(String ip) {
    if (ip == null) {
      return null;
    }
    String s = ip.strip();
    if (s.indexOf(':') >= 0) {
      return v6(s);
    }
    int parts = 0;
    int value = 0;
    int digits = 0;
    int lastDot = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (digits == 0) {
          return null;
        }
        parts++;
        lastDot = i;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (parts != 3 || digits == 0) {
      return null;
    }
    return s.substring(0, lastDot) + ".0/24";
  }

  private static String v6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
    String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":") : new String[0];
    String[] groups = new String[8];
    java.util.Arrays.fill(groups, "0");
    if (halves.length == 1 && head.length != 8) {
      return null;
    }
    if (head.length + tail.length > 8) {
      return null;
    }
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      String g = groups[i];
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      for (int k = 0; k < g.length(); k++) {
        if (Character.digit(g.charAt(k), 16) < 0) {
          return null;
        }
      }
      b.append(Integer.toHexString(Integer.parseInt(g, 16))).append(':');
    }
    return b.append(":/64").toString();
  }
}
