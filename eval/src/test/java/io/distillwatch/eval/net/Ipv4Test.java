package io.distillwatch.eval.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4Test {
  @Test
  void parsesFormatsAndExpandsCidrs() {
    assertThat(Ipv4.format(Ipv4.parse("203.0.113.7"))).isEqualTo("203.0.113.7");
    long[] r = Ipv4.cidr("104.28.28.64/29");
    assertThat(Ipv4.format(r[0])).isEqualTo("104.28.28.64");
    assertThat(Ipv4.format(r[1])).isEqualTo("104.28.28.71");
    assertThat(Ipv4.cidr("10.1.2.3/24")[0]).isEqualTo(Ipv4.parse("10.1.2.0"));
    assertThatThrownBy(() -> Ipv4.parse("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
  }
}
