package io.distillwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.linking.AccountEvidence;
import io.distillwatch.linking.EvidenceExtractor;
import io.distillwatch.linking.LinkKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an account's traffic contributes to linking: exact IPs, /24s and /64s, TLS with the claimed client. */
class LinkEvidenceTest {
  private final Detector detector = new Detector(Traffic.context(Map.of(), Map.of(), null));

  @Test
  void exactAddressesAndTheirNetworksAreBothEvidence() {
    AccountState s = Traffic.run(detector, List.of(
        Traffic.event("a", Traffic.T0, "hello", e -> e.ip = "203.0.113.7"),
        Traffic.event("a", Traffic.T0 + 1000, "hello again", e -> e.ip = "2001:db8:aa:bb:1:2:3:4")));

    AccountEvidence ev = new EvidenceExtractor().extract(s, null);

    assertThat(ev.keys).contains(LinkKind.IP.key("203.0.113.7"), LinkKind.IP_PREFIX.key("203.0.113.0/24"),
        LinkKind.IP.key("2001:db8:aa:bb:1:2:3:4"), LinkKind.IP_PREFIX.key("2001:db8:aa:bb::/64"));
  }

  @Test
  void aTlsFingerprintIsEvidenceTogetherWithTheClientTheUserAgentClaims() {
    AccountState s = Traffic.run(detector, List.of(
        Traffic.event("a", Traffic.T0, "hi", e -> {
          e.tlsFp = "t13d1516h2_8daaf6152771";
          e.userAgent = "python-httpx/0.27.2";
        }),
        Traffic.event("a", Traffic.T0 + 1000, "hi", e -> {
          e.tlsFp = "t13d1516h2_8daaf6152771";
          e.userAgent = "MyScraper/1.0 (+https://example.com)";
        })));

    assertThat(s.tlsFingerprints()).hasSize(2).allSatisfy(v -> assertThat(v).startsWith("t13d1516h2_8daaf6152771 "));
    assertThat(s.tlsFingerprints()).anySatisfy(v -> assertThat(v).endsWith(" myscraper"));
  }

  @Test
  void prefixesOfMalformedAddressesAreNotEvidence() {
    assertThat(IpPrefixes.prefix("203.0.113.300")).isNull();
    assertThat(IpPrefixes.prefix("not-an-ip")).isNull();
    assertThat(IpPrefixes.prefix("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
  }

  @Test
  void aVersion1StateStillReadsWithNoExactAddresses() throws Exception {
    AccountState s = Traffic.run(detector, List.of(Traffic.event("a", Traffic.T0, "hello")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes), 2);
    ByteArrayOutputStream emptySet = new ByteArrayOutputStream();
    new CappedSet(AccountState.IP_CAP).write(new DataOutputStream(emptySet));
    byte[] v2 = bytes.toByteArray();
    // version 1 = version 2 without the trailing set of exact addresses
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - emptySet.size());
    v1[0] = 1;

    AccountState read = AccountState.read(new DataInputStream(new ByteArrayInputStream(v1)));

    assertThat(read.ips()).isEmpty();
    assertThat(read.events()).isEqualTo(1);
    assertThat(read.ipPrefixes()).isEqualTo(s.ipPrefixes());
  }

  @Test
  void aVersion2StateStillReadsWithEmptyConversationCounters() throws Exception {
    UsageEvent first = Traffic.event("a", Traffic.T0, "hello", e -> e.turnKey = 7);
    UsageEvent second = Traffic.event("a", Traffic.T0 + 1000, "more", e -> {
      e.priorTurnKey = 7;
      e.assistantTurns = 1;
      e.userTurns = 2;
    });
    AccountState s = Traffic.run(detector, List.of(first, second));
    ByteArrayOutputStream v2 = new ByteArrayOutputStream();
    s.write(new DataOutputStream(v2), 2);
    AccountState read = AccountState.read(new DataInputStream(new ByteArrayInputStream(v2.toByteArray())));
    assertThat(read.ips()).isEqualTo(s.ips());
    assertThat(read.historyJudged).isZero();
    assertThat(read.conversations).isNull();

    ByteArrayOutputStream v3 = new ByteArrayOutputStream();
    s.write(new DataOutputStream(v3));
    AccountState again = AccountState.read(new DataInputStream(new ByteArrayInputStream(v3.toByteArray())));
    assertThat(again.historyJudged).isEqualTo(1);
    assertThat(again.historyObserved).isEqualTo(1);
    assertThat(again.conversations.contains(7)).isTrue();
  }
}
