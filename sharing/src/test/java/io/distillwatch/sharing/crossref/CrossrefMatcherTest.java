package io.distillwatch.sharing.crossref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.CrossrefLookup;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.detect.Detector;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.Tlp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pulled indicators matched against local accounts: corroboration, disagreement, decay, the outbound check. */
class CrossrefMatcherTest {
  static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
  final BlindingKeys keys = BlindingKeys.generate();

  static StixFactory member(int n) {
    byte[] secret = new byte[32];
    secret[0] = (byte) n;
    return new StixFactory(new StixIds(secret), Tlp.AMBER);
  }

  static AccountState account(String id, String card, String asn) {
    Detector d = new Detector(DetectionContext.defaults());
    AccountState s = d.newState(id);
    for (int i = 0; i < 3; i++) {
      UsageEvent e = new UsageEvent();
      e.account = id;
      e.ts = T.toEpochMilli() + i * 1000L;
      e.userText = "hello " + i;
      e.userTurns = 1;
      e.paymentFp = card;
      e.asn = asn == null ? null : Long.parseLong(asn);
      e.ip = "198.51.100." + (10 + i);
      d.update(s, e);
    }
    return s;
  }

  @Test
  void corroborationCountsOwnDetectionsOnlyAndDisagreementAndDecayLowerTheWeight() {
    StixFactory b = member(2);
    CrossrefIndicators bi = new CrossrefIndicators(b);
    ObjectNode card = bi.blinded(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_shared", keys), T, T);
    String cardId = card.get("id").asText();
    List<JsonNode> objects = new ArrayList<>(List.of(card));
    objects.add(new CrossrefIndicators(member(3)).sighting(cardId, CrossrefIndicators.BASIS_DETECTION, T, T.plus(Duration.ofDays(10)), 4, T));
    objects.add(new CrossrefIndicators(member(4)).sighting(cardId, CrossrefIndicators.BASIS_MATCH, T, T.plus(Duration.ofDays(20)), 1, T));
    objects.add(new CrossrefIndicators(member(5)).disagree(cardId, T));
    IntelBook book = IntelBook.of(objects, Set.of());
    IntelBook.Entry e = book.byId(cardId);
    assertThat(e.corroboratingMembers()).isEqualTo(2); // creator + member 3; member 4 only echoed a match
    assertThat(e.disagreeingMembers()).isEqualTo(1);
    assertThat(e.lastDetection()).isEqualTo(T.plus(Duration.ofDays(10)));
    Duration halfLife = Duration.ofDays(30);
    // 1.0 (payment) × 1.5 (two members) × 2/3 (one disagrees) × 0.5 (one half-life since the last own sighting)
    assertThat(e.weight(T.plus(Duration.ofDays(40)), halfLife)).isCloseTo(0.5, within(1e-9));
    assertThat(e.weight(T.plus(Duration.ofDays(10)), halfLife)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void accountsMatchBlindedAndClearIndicatorsThroughTheHashIndex() {
    CrossrefIndicators bi = new CrossrefIndicators(member(2));
    List<JsonNode> objects = List.of(
        bi.blinded(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_shared", keys), T, T),
        bi.clear(Identifier.ASN, "AS64500", T, T));
    Clock now = Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    CrossrefMatcher m = new CrossrefMatcher(IntelBook.of(objects, Set.of()), keys, Duration.ofDays(30), now);
    CrossrefLookup.Match both = m.match(account("a", "pm_shared", "64500"), null);
    assertThat(both).isNotNull();
    assertThat(both.evidence()).contains("2 indicators", "payment_fingerprint x1", "asn x1")
        .doesNotContain("pm_shared").doesNotContain("64500");
    CrossrefLookup.Match asnOnly = m.match(account("b", "pm_other", "64500"), null);
    assertThat(asnOnly.strength()).isLessThan(both.strength() / 5);
    assertThat(m.match(account("c", "pm_other", "64501"), null)).isNull();
    assertThat(m.drainMatches()).containsOnlyKeys("a", "b");
    // indicators blinded under a key this node does not hold match nothing
    CrossrefMatcher stranger = new CrossrefMatcher(IntelBook.of(objects.subList(0, 1), Set.of()),
        BlindingKeys.generate(), Duration.ofDays(30), now);
    assertThat(stranger.match(account("a", "pm_shared", null), null)).isNull();
  }

  @Test
  void psiResultsBecomeMatchEvidenceLocally() throws Exception {
    String line = "{\"type\":\"crossref.match\",\"source\":\"psi\",\"kind\":\"ip\",\"value\":\"198.51.100.11\","
        + "\"peer\":\"provider-b\",\"peer_key_id\":\"ed25519:00\",\"session\":\"s-1\",\"at\":\"2026-11-01T00:00:00.000Z\"}";
    IntelBook book = IntelBook.of(List.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line)), Set.of());
    Clock now = Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    CrossrefMatcher m = new CrossrefMatcher(book, keys, Duration.ofDays(30), now);
    CrossrefLookup.Match match = m.match(account("a", "pm_x", null), null); // its events came from 198.51.100.10-12
    assertThat(match).isNotNull();
    assertThat(match.evidence()).contains("ip_address x1").doesNotContain("198.51.100.11");
    assertThat(m.match(account("b", "pm_x", null), null)).isNotNull();
    assertThat(book.lookupPsi(Identifier.IP_ADDRESS, "198.51.100.99")).isNull();
  }

  @Test
  void ownIndicatorsAreNotMatched() {
    StixFactory self = member(7);
    List<JsonNode> objects = List.of(new CrossrefIndicators(self)
        .blinded(DisclosurePolicy.blind(Identifier.PAYMENT_FINGERPRINT, "pm_shared", keys), T, T));
    assertThat(IntelBook.of(objects, Set.of(self.identityId())).size()).isZero();
  }

  @Test
  void publishingRefusesWhatThePolicyDoesNotAllow() {
    CrossrefIndicators ci = new CrossrefIndicators(member(2));
    ObjectNode ok = ci.blinded(DisclosurePolicy.blind(Identifier.EMAIL_DOMAIN, "x@corp.example", keys), T, T);
    ObjectNode asn = ci.clear(Identifier.ASN, "AS64500", T, T);
    DisclosurePolicy.checkOutbound(List.of(ok, asn));

    ObjectNode ip = ok.deepCopy();
    ((ObjectNode) ip.path("extensions").path(CrossrefIndicators.EXTENSION_ID)).put("kind", "ip_address");
    assertThatThrownBy(() -> DisclosurePolicy.checkOutbound(List.of(ip))).hasMessageContaining("never travels");

    ObjectNode rawCard = ok.deepCopy();
    ((ObjectNode) rawCard.path("extensions").path(CrossrefIndicators.EXTENSION_ID)).put("value", "pm_shared");
    assertThatThrownBy(() -> DisclosurePolicy.checkOutbound(List.of(rawCard))).hasMessageContaining("64 lowercase hex");

    ObjectNode narrow = asn.deepCopy();
    ObjectNode x = (ObjectNode) narrow.path("extensions").path(CrossrefIndicators.EXTENSION_ID);
    x.put("kind", "network_range").put("value", "203.0.113.5/32");
    assertThatThrownBy(() -> DisclosurePolicy.checkOutbound(List.of(narrow))).hasMessageContaining("narrower");

    ObjectNode swapped = asn.deepCopy();
    swapped.put("pattern", "[ipv4-addr:value = '203.0.113.5']");
    assertThatThrownBy(() -> DisclosurePolicy.checkOutbound(List.of(swapped))).hasMessageContaining("pattern");

    ObjectNode plain = member(2).indicatorWithPattern("x", "x", "[email-addr:value = 'jane@corp.example']", T, T);
    assertThatThrownBy(() -> DisclosurePolicy.checkOutbound(List.of(plain))).hasMessageContaining("may not leave");
  }
}
