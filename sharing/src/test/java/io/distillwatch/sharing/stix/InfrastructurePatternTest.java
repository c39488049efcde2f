package io.distillwatch.sharing.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfrastructurePatternTest {

  @Test
  void a24IsNormalisedToItsNetwork() {
    assertThat(InfrastructurePattern.cidr("203.0.113.77/24").pattern())
        .isEqualTo("[ipv4-addr:value ISSUBSET '203.0.113.0/24']");
    assertThat(InfrastructurePattern.cidr("10.1.2.3/16").value()).isEqualTo("10.1.0.0/16");
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.77/25", "203.0.113.77/32", "203.0.113.77", "2001:db8::1/64", "2001:db8::/128"})
  void rangesNarrowerThanTheLimitAreRefused(String cidr) {
    assertThatThrownBy(() -> InfrastructurePattern.cidr(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6Of48IsAccepted() {
    assertThat(InfrastructurePattern.cidr("2001:db8:1:2::/48").pattern())
        .isEqualTo("[ipv6-addr:value ISSUBSET '2001:db8:1:0:0:0:0:0/48']");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example'] OR [x:y = '1", "no_underscores.example", "localhost", "a..b.example"})
  void domainsWithPatternSyntaxOrBadLabelsAreRefused(String domain) {
    assertThatThrownBy(() -> InfrastructurePattern.resellerDomain(domain))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asnAndDomainPatterns() {
    assertThat(InfrastructurePattern.asn(64500).pattern()).isEqualTo("[autonomous-system:number = 64500]");
    assertThat(InfrastructurePattern.resellerDomain("API-Resell.Example.").pattern())
        .isEqualTo("[domain-name:value = 'api-resell.example']");
    assertThatThrownBy(() -> InfrastructurePattern.asn(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
