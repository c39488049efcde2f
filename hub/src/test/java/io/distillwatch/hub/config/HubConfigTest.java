package io.distillwatch.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubConfigTest {

  private static HubConfig.Member member(String name, String digit) {
    return new HubConfig.Member(name, "identity--" + digit.repeat(8) + "-1111-5111-8111-111111111111",
        digit.repeat(64), List.of(new HubConfig.Key("ed25519:" + digit.repeat(32), "AAAA")));
  }

  private static HubConfig config(HubConfig.Store store, List<String> read, List<String> write) {
    return new HubConfig(null, null, null, null, store, null, List.of(member("alice", "1"), member("bob", "2")),
        List.of(new HubConfig.Collection("shared", null, null, read, write)));
  }

  @Test
  void aReadOrWriteListNamingAnUnknownMemberIsRefused() {
    assertThatCode(() -> config(null, List.of("*"), List.of("alice", "bob")).validate()).doesNotThrowAnyException();
    assertThatThrownBy(() -> config(null, List.of("*"), List.of("alice", "bbo")).validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collection shared").hasMessageContaining("write").hasMessageContaining("'bbo'");
    assertThatThrownBy(() -> config(null, List.of("carol"), List.of("alice")).validate())
        .hasMessageContaining("read").hasMessageContaining("'carol'");
  }

  @Test
  void aPasswordEnvironmentVariableThatIsNotSetIsRefused() {
    HubConfig cfg = config(new HubConfig.Store("jdbc:postgresql://db/hub", "hub", "HUB_DB_PASSWORD"), List.of("*"),
        List.of("*"));
    cfg.validate();
    assertThatThrownBy(() -> cfg.requireEnvironment(Map.<String, String>of()::get))
        .hasMessageContaining("store.password_env").hasMessageContaining("HUB_DB_PASSWORD");
    assertThatCode(() -> cfg.requireEnvironment(Map.of("HUB_DB_PASSWORD", "")::get)).doesNotThrowAnyException();
    HubConfig tls = new HubConfig(null, null, null, new HubConfig.Tls("hub.p12", "KS", null, null, null), null, null,
        cfg.members(), cfg.collections());
    assertThatThrownBy(() -> tls.requireEnvironment(Map.<String, String>of()::get))
        .hasMessageContaining("tls.keystore_password_env");
    assertThat(config(null, List.of("*"), List.of("*")).store()).isNull();
  }
}
