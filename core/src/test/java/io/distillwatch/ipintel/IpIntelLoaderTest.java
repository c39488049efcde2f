package io.distillwatch.ipintel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.ingest.InputUnreadableException;
import io.distillwatch.util.SharedData;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class IpIntelLoaderTest {
  private static final LoadedIpIntel INTEL = IpIntelLoader.load(fixture());

  private static Path fixture() {
    try {
      return Path.of(IpIntelLoaderTest.class.getResource("/ipintel").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void knowsWhichCategoriesItCanRecognise() {
    assertThat(INTEL.available()).containsExactlyInAnyOrder(
        IpCategory.DATACENTER, IpCategory.VPN, IpCategory.TOR_EXIT, IpCategory.CLOUD, IpCategory.PRIVACY_RELAY);
    assertThat(INTEL.hasAsn()).isTrue();
    assertThat(INTEL.hasCountry()).isTrue();
    assertThat(INTEL.sources()).anySatisfy(s -> assertThat(s).startsWith("asn-fixture.csv: 4 ranges, 1 unparsable"));
  }

  @Test
  void asnListsAnswerForAnEventsOwnAsn() {
    assertThat(INTEL.asnCategories(64500)).containsExactly(IpCategory.DATACENTER);
    assertThat(INTEL.asnCategories(64502)).containsExactly(IpCategory.VPN);
    assertThat(INTEL.asnCategories(64501)).isEmpty();
  }

  @Test
  void shippedPublicDataLoadsFromTheJar() {
    LoadedIpIntel shipped = IpIntelLoader.loadShipped();
    assertThat(shipped.hasAsn()).isTrue();
    assertThat(shipped.hasCountry()).isTrue();
    assertThat(shipped.available()).contains(IpCategory.DATACENTER, IpCategory.VPN, IpCategory.TOR_EXIT,
        IpCategory.CLOUD, IpCategory.PRIVACY_RELAY);
    assertThat(shipped.sources()).anySatisfy(s -> assertThat(s).startsWith("asn-ipv4.csv.gz: "));
    assertThat(shipped.sources()).anySatisfy(s -> assertThat(s).startsWith("provider-ranges/amazon-ipv4.txt: "));
    assertThat(shipped.asnCategories(16509)).contains(IpCategory.DATACENTER);
    assertThat(shipped.lookup("8.8.8.8").asn()).isEqualTo(15169L);
    assertThat(shipped.lookup("10.1.2.3").hasCategory()).isFalse();
    assertThat(IpIntelLoader.loadShipped()).as("loaded once per JVM").isSameAs(shipped);
  }

  @Test
  void asnOrgCountryAndAsnListCategories() {
    IpInfo hosting = INTEL.lookup("192.0.2.77");
    assertThat(hosting.asn()).isEqualTo(64500L);
    assertThat(hosting.asOrg()).isEqualTo("Example Hosting, Inc.");
    assertThat(hosting.country()).isEqualTo("US");
    assertThat(hosting.is(IpCategory.DATACENTER)).as("AS64500 is a datacenter ASN").isTrue();

    IpInfo home = INTEL.lookup("198.51.100.20");
    assertThat(home.asn()).isEqualTo(64501L);
    assertThat(home.country()).isEqualTo("DE");
    assertThat(home.categories()).isEmpty();

    IpInfo vpn = INTEL.lookup("198.51.100.200");
    assertThat(vpn.is(IpCategory.VPN)).isTrue();
    assertThat(INTEL.lookup("203.0.113.1").country()).as("?? means unknown").isNull();
  }

  @Test
  void cidrListsIncludingNestedPrefixesAndBoundaries() {
    assertThat(INTEL.lookup("10.0.0.0").is(IpCategory.DATACENTER)).isTrue();
    assertThat(INTEL.lookup("10.255.255.255").is(IpCategory.DATACENTER)).isTrue();
    assertThat(INTEL.lookup("10.1.200.3").is(IpCategory.DATACENTER)).isTrue();
    assertThat(INTEL.lookup("11.0.0.0").categories()).isEmpty();
    assertThat(INTEL.lookup("9.255.255.255").categories()).isEmpty();
    assertThat(INTEL.lookup("172.16.5.255").is(IpCategory.VPN)).isTrue();
    assertThat(INTEL.lookup("172.16.6.0").is(IpCategory.VPN)).isFalse();
    assertThat(INTEL.lookup("198.51.100.66").is(IpCategory.TOR_EXIT)).isTrue();
    assertThat(INTEL.lookup("198.51.100.68").is(IpCategory.TOR_EXIT)).isFalse();
  }

  @Test
  void providerRangesGiveCategoryAndProvider() {
    IpInfo aws = INTEL.lookup("203.0.113.100");
    assertThat(aws.is(IpCategory.CLOUD)).isTrue();
    assertThat(aws.provider()).isEqualTo("amazon");
    assertThat(INTEL.lookup("203.0.113.200").is(IpCategory.CLOUD)).isFalse();
    IpInfo relay = INTEL.lookup("172.20.0.70");
    assertThat(relay.is(IpCategory.PRIVACY_RELAY)).isTrue();
    assertThat(relay.provider()).isEqualTo("apple-proxy");
    assertThat(INTEL.lookup("172.20.0.72").is(IpCategory.PRIVACY_RELAY)).isFalse();
    assertThat(INTEL.lookup("172.21.3.4").is(IpCategory.VPN)).isTrue();
    assertThat(INTEL.lookup("172.21.3.4").provider()).isEqualTo("protonvpn");
  }

  @Test
  void ipv6AndMappedIpv4() {
    assertThat(INTEL.lookup("2001:db8:dc:1::5").is(IpCategory.DATACENTER)).isTrue();
    assertThat(INTEL.lookup("2001:db8:dd::5").categories()).isEmpty();
    assertThat(INTEL.lookup("2001:db8:bad:ffff:ffff:ffff:ffff:ffff").is(IpCategory.VPN)).isTrue();
    assertThat(INTEL.lookup("::ffff:192.0.2.9").asn()).isEqualTo(64500L);
  }

  @Test
  void unparsableAndUnknownAddressesAreUnknown() {
    assertThat(INTEL.lookup("example.com")).isSameAs(IpInfo.UNKNOWN);
    assertThat(INTEL.lookup(null)).isSameAs(IpInfo.UNKNOWN);
    assertThat(INTEL.lookup("8.8.8.8")).isSameAs(IpInfo.UNKNOWN);
  }

  @Test
  void emptyDirectoryKnowsNothingAndMissingDirectoryIsUnreadable() throws Exception {
    Path empty = fixture().resolve("provider-ranges"); // no recognised top-level files there
    LoadedIpIntel none = IpIntelLoader.load(empty);
    assertThat(none.available()).isEmpty();
    assertThat(none.hasAsn()).isFalse();
    assertThat(LoadedIpIntel.empty().lookup("1.2.3.4")).isSameAs(IpInfo.UNKNOWN);
    assertThatThrownBy(() -> IpIntelLoader.load(fixture().resolve("nope"))).isInstanceOf(InputUnreadableException.class);
  }

  /** The real evaluation data, when present: loads and answers for well-known addresses. */
  @Test
  void sharedIpintelData() {
    Optional<Path> dir = SharedData.locate("ipintel");
    Assumptions.assumeTrue(dir.isPresent(), SharedData.missingMessage());
    LoadedIpIntel intel = IpIntelLoader.load(dir.get());
    assertThat(intel.hasAsn()).isTrue();
    assertThat(intel.hasCountry()).isTrue();
    assertThat(intel.available()).contains(IpCategory.DATACENTER, IpCategory.VPN, IpCategory.TOR_EXIT,
        IpCategory.CLOUD, IpCategory.PRIVACY_RELAY);
    IpInfo cf = intel.lookup("1.0.0.1");
    assertThat(cf.asn()).isEqualTo(13335L);
    IpInfo google = intel.lookup("8.8.8.8");
    assertThat(google.is(IpCategory.CLOUD)).isTrue();
    assertThat(google.provider()).isEqualTo("google");
    assertThat(intel.lookup("104.28.28.1").is(IpCategory.PRIVACY_RELAY)).isTrue();
  }
}
