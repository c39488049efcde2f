package io.distillwatch.ipintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressesTest {
  @Test
  void parsesDottedQuadsStrictly() {
    assertThat(IpAddresses.parseIpv4("203.0.113.5")).isEqualTo(0xCB007105L);
    assertThat(IpAddresses.parseIpv4("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
    for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "1..2.3"}) {
      assertThat(IpAddresses.parseIpv4(bad)).as(bad).isEqualTo(IpAddresses.NOT_IPV4);
    }
  }

  @Test
  void parsesIpv6Forms() {
    assertThat(IpAddresses.parseIpv6("::")).containsExactly(0, 0);
    assertThat(IpAddresses.parseIpv6("::1")).containsExactly(0, 1);
    assertThat(IpAddresses.parseIpv6("2001:db8::")).containsExactly(0x20010db800000000L, 0);
    assertThat(IpAddresses.parseIpv6("fe80::1%eth0")).containsExactly(0xfe80000000000000L, 1);
    assertThat(IpAddresses.mappedIpv4(IpAddresses.parseIpv6("::ffff:192.0.2.1"))).isEqualTo(0xC0000201L);
    for (String bad : new String[] {":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "2001:db8:", "g::1", "1.2.3.4"}) {
      assertThat(IpAddresses.parseIpv6(bad)).as(bad).isNull();
    }
  }

  /** Random IPv6 addresses, printed in several forms by the JDK, parse to the same 128 bits. */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 99, 123456789})
  void ipv6AgreesWithTheJdk(long seed) throws Exception {
    Random rnd = new Random(seed);
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[16];
      rnd.nextBytes(b);
      if (rnd.nextBoolean()) {
        for (int k = 4 + rnd.nextInt(6); k < 12; k++) {
          b[k] = 0; // runs of zero groups exercise "::"
        }
      }
      String text = InetAddress.getByAddress(b).getHostAddress();
      text = text.replaceAll("(^|:)0(:0)+(:|$)", "::").replace(":::", "::");
      long[] v = IpAddresses.parseIpv6(text);
      assertThat(v).as("seed %d: %s", seed, text).isNotNull();
      BigInteger expected = new BigInteger(1, b);
      BigInteger got = BigInteger.valueOf(v[0]).and(mask64()).shiftLeft(64).or(BigInteger.valueOf(v[1]).and(mask64()));
      assertThat(got).as("seed %d: %s", seed, text).isEqualTo(expected);
    }
  }

  private static BigInteger mask64() {
    return BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  }
}
