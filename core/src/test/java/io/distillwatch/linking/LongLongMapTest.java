package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemovesWithCollidingKeys() {
    Random random = new Random(3);
    LongLongMap table = new LongLongMap(4);
    Map<Long, Long> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // few distinct keys, many probes: removals must keep every other key reachable
      long key = random.nextInt(5000) * 1024L;
      if (random.nextInt(3) == 0) {
        table.remove(key);
        expected.remove(key);
      } else {
        table.put(key, i * 7L);
        expected.put(key, i * 7L);
      }
    }
    assertThat(table.size()).isEqualTo(expected.size());
    for (long key = 0; key < 5000 * 1024L; key += 1024) {
      assertThat(table.get(key, Long.MIN_VALUE)).as("key %d", key).isEqualTo(expected.getOrDefault(key, Long.MIN_VALUE));
    }
    Map<Long, Long> visited = new HashMap<>();
    table.forEach((k, v) -> visited.put(k, v));
    assertThat(visited).hasSize(expected.size());
  }
}
