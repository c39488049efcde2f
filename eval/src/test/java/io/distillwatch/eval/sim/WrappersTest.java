package io.distillwatch.eval.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrappersTest {
  @Test
  void everyTemplateUnwrapsToItsPoolText() {
    for (String t : Wrappers.templates()) {
      assertThat(t.indexOf(Wrappers.SLOT)).isEqualTo(t.lastIndexOf(Wrappers.SLOT)).isNotNegative();
      assertThat(Wrappers.unwrap(Wrappers.wrap(t, "Name three rivers."))).contains("Name three rivers.");
    }
  }

  @Test
  void textOutsideTheWrappersDoesNotUnwrap() {
    assertThat(Wrappers.unwrap("Name three rivers.")).isEmpty();
    assertThat(Wrappers.isKnownSystem("You are a pirate.")).isFalse();
    assertThat(Wrappers.isKnownSystem(Wrappers.ENTERPRISE_SYSTEM.replace("{org}", "Contoso"))).isTrue();
  }
}
