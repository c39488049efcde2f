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
  void anAccountOnAFewPrefixesHoldsItsExitPoolsAndOneOnManyHoldsNone() {
    AccountState few = Traffic.run(detector, List.of(
        Traffic.event("a", Traffic.T0, "x", e -> e.ip = "203.0.1.7"),
        Traffic.event("a", Traffic.T0 + 1, "x", e -> e.ip = "203.0.2.9"),
        Traffic.event("a", Traffic.T0 + 2, "x", e -> e.ip = "203.0.3.1")));
    assertThat(new EvidenceExtractor().extract(few, null).keys).contains(
        LinkKind.EXIT_POOL.key("203.0.1.0/24 203.0.2.0/24"), LinkKind.EXIT_POOL.key("203.0.1.0/24 203.0.3.0/24"),
        LinkKind.EXIT_POOL.key("203.0.2.0/24 203.0.3.0/24"));
    java.util.List<UsageEvent> spread = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      final int k = i;
      spread.add(Traffic.event("b", Traffic.T0 + i, "x", e -> e.ip = "198.51." + k + ".1"));
    }
    assertThat(new EvidenceExtractor().extract(Traffic.run(detector, List.of(spread.get(0))), null).keys)
        .noneMatch(k -> k.startsWith("exit_pool|"));
    assertThat(new EvidenceExtractor().extract(Traffic.run(detector, spread), null).keys)
        .as("twelve prefixes are not a small pool").noneMatch(k -> k.startsWith("exit_pool|"));
  }

  @Test
  void substantivePromptsAreOverlapEvidenceButGreetingsAndBenchmarkItemsAreNot() {
    AccountState s = Traffic.run(detector, List.of(
        Traffic.event("a", Traffic.T0, "Write a short story about a lighthouse keeper who finds a message in a bottle."),
        Traffic.event("a", Traffic.T0 + 1, "hello, how are you today?"),
        Traffic.event("a", Traffic.T0 + 2, "The following is a multiple choice question about anatomy. Which bone is"
            + " the longest in the human body?\nA. femur\nB. tibia\nC. humerus\nD. fibula\nAnswer:")));
    assertThat(new EvidenceExtractor().extract(s, null).keys).filteredOn(k -> k.startsWith("prompt_overlap|"))
        .hasSize(1);
  }

  @Test
  void thePromptSampleStaysBoundedAndConsistent() {
    PromptSample a = new PromptSample();
    PromptSample b = new PromptSample();
    for (long i = 0; i < 5_000; i++) {
      long fp = io.distillwatch.template.Hash64.mix(i + 1);
      a.offer(fp);
      if (i % 2 == 0) {
        b.offer(fp);
      }
    }
    assertThat(a.values()).hasSizeLessThanOrEqualTo(PromptSample.CAP).hasSizeGreaterThan(PromptSample.CAP / 4);
    // a prompt both sent is in both samples whenever it is below the lower level: b's sample lies within a's
    java.util.Set<Integer> inA = new java.util.HashSet<>();
    for (int v : a.values()) {
      inA.add(v);
    }
    long bound = java.util.Arrays.stream(a.values()).mapToLong(Integer::toUnsignedLong).max().orElse(0);
    for (int v : b.values()) {
      if (Integer.toUnsignedLong(v) <= bound) {
        assertThat(inA).contains(v);
      }
    }
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
