package io.distillwatch.ipintel;

/**
 * Allocation-light IP address parsing, without DNS (never {@code InetAddress.getByName} on user
 * input). IPv4 addresses are unsigned 32-bit values in a {@code long}; IPv6 addresses are two
 * {@code long}s (high and low 64 bits). IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) counts as IPv4.
 */
public final class IpAddresses {
  /** Returned by {@link #parseIpv4} for text that is not a dotted-quad IPv4 address. */
  public static final long NOT_IPV4 = -1L;

  private IpAddresses() {}

  /** An IPv4 dotted quad as an unsigned value, or {@link #NOT_IPV4}. */
  public static long parseIpv4(CharSequence s) {
    return parseIpv4(s, 0, s.length());
  }

  static long parseIpv4(CharSequence s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (parts < 4) {
      int start = i;
      int octet = 0;
      while (i < to && i - start < 4) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        octet = octet * 10 + (c - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 3 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
        return NOT_IPV4;
      }
      value = (value << 8) | octet;
      parts++;
      if (parts < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return NOT_IPV4;
        }
        i++;
      }
    }
    return i == to ? value : NOT_IPV4;
  }

  /**
   * An IPv6 address as {@code {high, low}}, or null. Accepts {@code ::} compression, an embedded
   * IPv4 tail and a {@code %zone} suffix (ignored).
   */
  public static long[] parseIpv6(String s) {
    int end = s.indexOf('%');
    if (end < 0) {
      end = s.length();
    }
    if (end < 2 || s.indexOf(':') < 0) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (end == 2) {
        return new long[] {0, 0};
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < end) {
      if (count >= 8) {
        return null;
      }
      int start = i;
      int v = 0;
      while (i < end && i - start <= 4) {
        int d = Character.digit(s.charAt(i), 16);
        if (d < 0) {
          break;
        }
        v = (v << 4) | d;
        i++;
      }
      if (i < end && s.charAt(i) == '.') {
        // embedded IPv4 tail
        long v4 = parseIpv4(s, start, end);
        if (v4 == NOT_IPV4 || count > 6) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = end;
        break;
      }
      int len = i - start;
      if (len == 0 || len > 4) {
        return null;
      }
      groups[count++] = v;
      if (i == end) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < end && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return null; // trailing single colon
      }
    }
    int[] full = new int[8];
    if (gap >= 0) {
      if (count > 7) {
        return null;
      }
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    } else {
      if (count != 8) {
        return null;
      }
      full = groups;
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 4; k++) {
      hi = (hi << 16) | full[k];
      lo = (lo << 16) | full[k + 4];
    }
    return new long[] {hi, lo};
  }

  /** The IPv4 value of an IPv4-mapped IPv6 address, else {@link #NOT_IPV4}. */
  static long mappedIpv4(long[] v6) {
    if (v6[0] == 0 && (v6[1] >>> 32) == 0xFFFFL) {
      return v6[1] & 0xFFFF_FFFFL;
    }
    return NOT_IPV4;
  }

  /** True for any text that parses as an IPv4 or IPv6 address. */
  public static boolean isIp(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    return parseIpv4(s) != NOT_IPV4 || parseIpv6(s) != null;
  }

  /** Dotted-quad text of an unsigned IPv4 value. */
  public static String formatIpv4(long v) {
    return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
  }

  /**
   * An address's /24 (IPv4) or /64 (IPv6) network in CIDR notation, or null when not an address.
   * IPv4-mapped IPv6 maps to the IPv4 /24.
   */
  public static String networkPrefix(String ip) {
    if (ip == null) {
      return null;
    }
    String s = ip.trim();
    long v4 = parseIpv4(s);
    if (v4 == NOT_IPV4) {
      long[] v6 = parseIpv6(s);
      if (v6 == null) {
        return null;
      }
      v4 = mappedIpv4(v6);
      if (v4 == NOT_IPV4) {
        long hi = v6[0];
        StringBuilder sb = new StringBuilder();
        for (int k = 3; k >= 0; k--) {
          sb.append(Long.toHexString((hi >>> (16 * k)) & 0xFFFF));
          sb.append(':');
        }
        sb.append(":/64");
        return sb.toString();
      }
    }
    return formatIpv4(v4 & 0xFFFF_FF00L) + "/24";
  }
}
