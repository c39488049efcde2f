package io.distillwatch.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.ingest.Timestamps;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterSortTimeTest {
  @Test
  void keepsTheOrderOfEveryAcceptedTimeWithoutOverflow() {
    long[] edges = {Timestamps.MIN_MS, Timestamps.MIN_MS + 1, 1_772_323_200_000L, Timestamps.END_MS - 2, Timestamps.END_MS - 1};
    for (int i = 1; i < edges.length; i++) {
      assertThat(ClusterSortTime.of(edges[i])).isGreaterThan(ClusterSortTime.of(edges[i - 1]));
    }
    assertThat(ClusterSortTime.of(Timestamps.END_MS - 1)).isPositive();
    Random rnd = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      long a = Timestamps.MIN_MS + (long) (rnd.nextDouble() * (Timestamps.END_MS - Timestamps.MIN_MS));
      long b = a + rnd.nextInt(5_000) - 2_500;
      if (Timestamps.inRange(b)) {
        assertThat(Long.signum(Long.compare(ClusterSortTime.of(a), ClusterSortTime.of(b)))).isEqualTo(Long.signum(Long.compare(a, b)));
      }
    }
  }

  @Test
  void profilesStayFirst() {
    assertThat(ClusterSortTime.of(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE).isLessThan(ClusterSortTime.of(Timestamps.MIN_MS));
  }

  @Test
  void theTopHalfTellsApartTimesTwoSecondsApart() {
    long t = 1_772_323_200_000L;
    // The sort's 8-byte normalised key is the 4-byte ordinal and these 32 bits.
    assertThat(ClusterSortTime.of(t + 2_049) >>> 32).isGreaterThan(ClusterSortTime.of(t) >>> 32);
  }
}
