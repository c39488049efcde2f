package io.distillwatch.sharing.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StixIdsTest {

  private final byte[] secretA = "node-A-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final byte[] secretB = "node-B-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void sameLocalIdGivesSameStixId() {
    assertThat(new StixIds(secretA).id("campaign", "c-1234"))
        .isEqualTo(new StixIds(secretA).id("campaign", "c-1234"));
  }

  @Test
  void idIsAVersion5UuidThatRevealsNothing() {
    String id = new StixIds(secretA).id("campaign", "c-1234");
    assertThat(id).startsWith("campaign--").doesNotContain("1234");
    UUID uuid = UUID.fromString(id.substring("campaign--".length()));
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void differentSecretsOrTypesGiveDifferentIds() {
    assertThat(new StixIds(secretA).id("campaign", "c-1"))
        .isNotEqualTo(new StixIds(secretB).id("campaign", "c-1"))
        .isNotEqualTo(new StixIds(secretA).id("campaign", "c-2"));
    assertThat(new StixIds(secretA).id("campaign", "x").substring(10))
        .isNotEqualTo(new StixIds(secretA).id("sighting", "x").substring(10));
  }

  @Test
  void uuidV5MatchesRfc4122Example() {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(StixIds.uuidV5(dns, "python.org".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
  }

  @Test
  void shortSecretsAreRefused() {
    assertThatThrownBy(() -> new StixIds(new byte[8])).isInstanceOf(IllegalArgumentException.class);
  }
}
