package io.distillwatch.sharing.crossref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden vectors of docs/crossref.md "Normalisation": raw value → normal form, per identifier kind. */
class NormalizationTest {

  @ParameterizedTest(name = "{0}: ''{1}'' -> ''{2}''")
  @CsvSource(delimiter = '|', value = {
    "asn                 | AS16509                          | 16509",
    "asn                 | ' as 13335 '                     | 13335",
    "asn                 | 4294967295                       | 4294967295",
    "network_range       | 203.0.113.77/24                  | 203.0.113.0/24",
    "network_range       | 198.51.0.0/16                    | 198.51.0.0/16",
    "network_range       | 2001:db8:abcd:12::/48            | 2001:db8:abcd:0:0:0:0:0/48",
    "tls_client          | T13D1516H2_8DAAF6152771_02713D6AF862 | t13d1516h2_8daaf6152771_02713d6af862",
    "tls_client          | 771E0D1A4A1E3D8F2C7B6A5948372615 | 771e0d1a4a1e3d8f2c7b6a5948372615",
    "payment_fingerprint | ' pm_1Abc '                       | pm_1Abc",
    "payment_fingerprint | ｐｍ＿１Ａｂｃ                      | pm_1Abc",
    "email_domain        | Jane.Doe@Corp.Example.           | corp.example",
    "email_domain        | corp.example                     | corp.example",
    "email_domain        | bücher.example                   | xn--bcher-kva.example",
    "email_address       | Jane.Doe@Corp.Example            | jane.doe@corp.example",
    "ip_address          | 203.0.113.5                      | 203.0.113.5",
    "ip_address          | 2001:DB8::1                      | 2001:db8:0:0:0:0:0:1",
    "account_id          | ' acct-123 '                     | acct-123",
  })
  void normalForms(String kind, String raw, String normal) {
    assertThat(Normalization.normalize(Identifier.fromWire(kind), raw)).isEqualTo(normal);
  }

  @ParameterizedTest(name = "{0}: ''{1}'' refused")
  @CsvSource(delimiter = '|', value = {
    "asn                 | AS0",
    "asn                 | 4294967296",
    "network_range       | 203.0.113.5/32",
    "network_range       | 203.0.113.5",
    "network_range       | 2001:db8::/64",
    "tls_client          | python-requests/2.31",
    "payment_fingerprint | 'pm 1'",
    "email_domain        | someone@gmail.com",
    "email_domain        | exa mple.com",
    "ip_address          | example.com",
  })
  void invalidValuesAreRefusedWithoutQuotingThem(String kind, String raw) {
    assertThatThrownBy(() -> Normalization.normalize(Identifier.fromWire(kind), raw))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw.strip()));
  }

  @ParameterizedTest(name = "system prompt ''{0}''")
  @CsvSource(delimiter = '|', value = {
    "You are a helpful assistant.",
    "'  You are a   helpful assistant. '",
  })
  void systemPromptsNormaliseToTheirSkeleton(String raw) {
    assertThat(Normalization.normalize(Identifier.SYSTEM_PROMPT, raw))
        .isEqualTo(Normalization.normalize(Identifier.SYSTEM_PROMPT, "You are a helpful assistant."));
    assertThat(Normalization.normalize(Identifier.SYSTEM_PROMPT, "Grade answer 17 of 200 for order #99812"))
        .isEqualTo(Normalization.normalize(Identifier.SYSTEM_PROMPT, "Grade answer 3 of 50 for order #12"));
  }
}
