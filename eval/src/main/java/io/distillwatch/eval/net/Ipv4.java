package io.distillwatch.eval.net;

/** IPv4 helpers on addresses held as unsigned 32-bit values in a {@code long}. */
public final class Ipv4 {
  private Ipv4() {}

  public static long parse(String dotted) {
    String[] p = dotted.trim().split("\\.");
    if (p.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long v = 0;
    for (String s : p) {
      int b = Integer.parseInt(s);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  public static String format(long v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  /** A CIDR {@code a.b.c.d/n} as [first, last] inclusive. */
  public static long[] cidr(String cidr) {
    int slash = cidr.indexOf('/');
    long base = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1).trim());
    long size = 1L << (32 - bits);
    long first = base & ~(size - 1) & 0xFFFFFFFFL;
    return new long[] {first, first + size - 1};
  }
}
