package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.node.NodeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
  @Test
  void authNoneIsRefusedUnlessTheBindAddressIsLoopback() {
    for (String host : new String[] {"0.0.0.0", "192.0.2.10", "::"}) {
      assertThatThrownBy(() -> NodeConfig.of(Map.of("http.auth", "none", "http.host", host)))
          .as(host).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }
    for (String host : new String[] {"127.0.0.1", "::1", "localhost"}) {
      assertThat(NodeConfig.of(Map.of("http.auth", "none", "http.host", host)).consoleSettings().authRequired()).as(host).isFalse();
    }
    assertThat(NodeConfig.of(Map.of()).consoleSettings().authRequired()).isTrue();
  }

  @Test
  void consoleSettingsAreChecked() {
    assertThatThrownBy(() -> NodeConfig.of(Map.of("http.auth", "basic"))).hasMessageContaining("http.auth");
    assertThatThrownBy(() -> NodeConfig.of(Map.of("http.cookie-secure", "yes"))).hasMessageContaining("http.cookie-secure");
    assertThatThrownBy(() -> NodeConfig.of(Map.of("store.examples", "off"))).hasMessageContaining("store.examples");
    assertThatThrownBy(() -> NodeConfig.of(Map.of("retention.examples", "forever"))).hasMessageContaining("retention.examples");
    ActivitySettings a = NodeConfig.of(Map.of("store.examples", "false", "store.redact", "true", "retention.activity", "7d")).activitySettings();
    assertThat(a.examples()).isFalse();
    assertThat(a.redact()).isTrue();
    assertThat(a.activityRetention().toDays()).isEqualTo(7);
  }
}
