package io.distillwatch.hub.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.hub.store.Query;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaxiiParamsTest {

  @Test
  void filtersAreParsedFromCommaLists() {
    Query q = TaxiiParams.parse(Map.of(
        "match[type]", List.of("campaign,indicator"),
        "match[version]", List.of("first,2026-01-02T00:00:00Z"),
        "limit", List.of("5000"),
        "added_after", List.of("2026-01-01T00:00:00.123456Z")), 1000, "last");
    assertThat(q.types()).containsExactly("campaign", "indicator");
    assertThat(q.firstVersions()).isTrue();
    assertThat(q.lastVersions()).isFalse();
    assertThat(q.versions()).hasSize(1);
    assertThat(q.limit()).as("capped at max_page").isEqualTo(1000);
    assertThat(TaxiiTime.formatMicros(q.addedAfterMicros())).isEqualTo("2026-01-01T00:00:00.123456Z");
    assertThat(TaxiiParams.parse(Map.of(), 1000, "last").lastVersions()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=x", "limit=-5", "limit=000", "next=abc", "next=0", "next=-1", "next=+3", "added_after=yesterday", "match[id]=x'--",
      "match[version]=latest", "match[type]=<script>", "match[spec_version]=two"})
  void malformedParametersAre400(String param) {
    String[] kv = param.split("=", 2);
    assertThatThrownBy(() -> TaxiiParams.parse(Map.of(kv[0], List.of(kv[1])), 1000, "last"))
        .isInstanceOfSatisfying(TaxiiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000", "1001", "2147483648", "99999999999", "123456789012345678901234567890"})
  void anyLargePositiveLimitIsCappedAtThePageSize(String limit) {
    assertThat(TaxiiParams.parse(Map.of("limit", List.of(limit)), 1000, "last").limit()).isEqualTo(1000);
    assertThat(TaxiiParams.parse(Map.of("limit", List.of("007")), 1000, "last").limit()).isEqualTo(7);
  }

  @Test
  void aZeroWeightForTheTaxiiTypeRefusesIt() {
    assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.1;q=0")).isFalse();
    assertThat(TaxiiMedia.acceptable("application/taxii+json;q=0.0, */*")).isFalse();
    assertThat(TaxiiMedia.acceptable("*/*;q=0")).isFalse();
    assertThat(TaxiiMedia.acceptable("application/*;q=0, application/taxii+json;version=2.1;q=0.2")).isTrue();
    assertThat(TaxiiMedia.acceptable("text/html, application/taxii+json;q=0.5")).isTrue();
  }

  @Test
  void mediaTypes() {
    assertThat(TaxiiMedia.acceptable(null)).isTrue();
    assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.1")).isTrue();
    assertThat(TaxiiMedia.acceptable("text/html, */*;q=0.1")).isTrue();
    assertThat(TaxiiMedia.acceptable("application/json")).isFalse();
    assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.0")).isFalse();
    assertThat(TaxiiMedia.isTaxii("application/taxii+json; version=2.1")).isTrue();
    assertThat(TaxiiMedia.isTaxii("application/taxii+json")).isTrue();
    assertThat(TaxiiMedia.isTaxii("application/stix+json;version=2.1")).isFalse();
    assertThat(TaxiiMedia.isTaxii(null)).isFalse();
  }
}
