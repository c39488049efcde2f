package io.distillwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePageTest {
  @Test
  void anExactTotalGivesExactPagesAndACappedOneSaysMoreThan() {
    ConsoleStore.Page<String> exact = new ConsoleStore.Page<>(List.of("a"), 101, 2, 50);
    assertThat(exact.pages()).isEqualTo(3);
    assertThat(exact.totalText()).isEqualTo("101");
    List<String> full = Collections.nCopies(50, "r");
    ConsoleStore.Page<String> capped = new ConsoleStore.Page<>(full, ConsoleStore.COUNT_CAP + 1, 300, 50);
    assertThat(capped.totalText()).isEqualTo("more than 10,000");
    assertThat(capped.pages()).isEqualTo(302);
    assertThat(new ConsoleStore.Page<>(List.of(), 0, 0, 50).pages()).isEqualTo(1);
  }
}
