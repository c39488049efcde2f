package io.distillwatch.ipintel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range sets answer exactly like a brute-force scan over random (nested, overlapping) CIDRs. */
class RangesPropertyTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 17, 2026})
  void ipv4SetMatchesBruteForce(long seed) {
    Random rnd = new Random(seed);
    List<long[]> cidrs = new ArrayList<>();
    Ipv4Ranges.Builder b = new Ipv4Ranges.Builder();
    for (int i = 0; i < 300; i++) {
      // cluster addresses in a few /8s so that ranges nest and overlap
      long base = ((long) (10 + rnd.nextInt(3)) << 24) | (rnd.nextInt(1 << 24));
      int prefix = 8 + rnd.nextInt(25);
      long size = 1L << (32 - prefix);
      long start = base & ~(size - 1);
      cidrs.add(new long[] {start, start + size - 1});
      b.addCidr(base, prefix, 0);
    }
    Ipv4Ranges set = b.buildSet();
    for (int i = 0; i < 20_000; i++) {
      long ip = i % 2 == 0 ? ((long) (9 + rnd.nextInt(5)) << 24) | rnd.nextInt(1 << 24) : edge(cidrs, rnd);
      boolean expected = cidrs.stream().anyMatch(c -> c[0] <= ip && ip <= c[1]);
      assertThat(set.contains(ip)).as("seed %d ip %s", seed, IpAddresses.formatIpv4(ip)).isEqualTo(expected);
    }
  }

  private static long edge(List<long[]> cidrs, Random rnd) {
    long[] c = cidrs.get(rnd.nextInt(cidrs.size()));
    long v = rnd.nextBoolean() ? c[0] : c[1];
    return Math.max(0, Math.min(0xFFFF_FFFFL, v + rnd.nextInt(3) - 1));
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 6, 7})
  void ipv6SetMatchesBruteForce(long seed) {
    Random rnd = new Random(seed);
    List<long[]> cidrs = new ArrayList<>(); // {hi, prefix}
    Ipv6Ranges.Builder b = new Ipv6Ranges.Builder();
    for (int i = 0; i < 200; i++) {
      long hi = 0x20010db800000000L | ((long) rnd.nextInt(16) << 28) | rnd.nextInt(1 << 20);
      int prefix = 32 + rnd.nextInt(33); // /32 .. /64
      cidrs.add(new long[] {hi, prefix});
      b.addCidr(new long[] {hi, rnd.nextLong()}, prefix, 0);
    }
    Ipv6Ranges set = b.build(true);
    for (int i = 0; i < 20_000; i++) {
      long[] c = cidrs.get(rnd.nextInt(cidrs.size()));
      long hi = i % 3 == 0 ? c[0] + rnd.nextInt(5) - 2 : 0x20010db800000000L | ((long) rnd.nextInt(17) << 28) | rnd.nextInt(1 << 20);
      long lo = rnd.nextLong();
      boolean expected = cidrs.stream().anyMatch(x -> {
        long mask = -1L << (64 - x[1]);
        return (hi & mask) == (x[0] & mask);
      });
      assertThat(set.find(hi, lo) >= 0).as("seed %d hi %x", seed, hi).isEqualTo(expected);
    }
  }
}
