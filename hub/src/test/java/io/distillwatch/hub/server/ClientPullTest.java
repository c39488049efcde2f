package io.distillwatch.hub.server;

import static io.distillwatch.hub.server.HubFixture.campaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.client.Puller;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.hub.store.Query;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPullTest {

  private final HubFixture hub = new HubFixture();
  private final JdbcHubStore local = JdbcHubStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
      "sa", "", 1, Clock.systemUTC());

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    hub.close();
    local.close();
  }

  private List<ObjectNode> campaigns(int from, int to) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(campaign(hub.alice, "c-" + i, "Campaign " + i, Instant.parse("2026-01-02T00:00:00Z")));
    }
    return out;
  }

  @Test
  void pullResumesFromTheLastAddedAfter() throws Exception {
    URI root = URI.create(hub.base + "/forum/");
    TaxiiClient alice = new TaxiiClient(root, hub.alice.token());
    List<JsonNode> statuses = alice.add("shared", campaigns(0, 7));
    assertThat(statuses.get(0).get("success_count").asInt()).isEqualTo(7);

    Path state = tmp.resolve("pull-state.json");
    Puller carol = new Puller(new TaxiiClient(root, hub.carol.token()), local, state);
    Puller.Result first = carol.pull("shared", 3);
    assertThat(first.received()).isEqualTo(7);
    assertThat(first.stored()).isEqualTo(7);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(Files.readString(state)).contains(first.addedAfter());

    alice.add("shared", campaigns(7, 9));
    Puller.Result second = new Puller(new TaxiiClient(root, hub.carol.token()), local, state).pull("shared", 3);
    assertThat(second.received()).isEqualTo(2);
    assertThat(local.query("shared", Query.latest(100)).versions()).hasSize(9);
    assertThat(carol.pull("shared", 3).received()).isZero();
  }

  @Test
  void aReaderWithTheMembersKeysReverifiesEveryObject() throws Exception {
    URI root = URI.create(hub.base + "/forum/");
    new TaxiiClient(root, hub.alice.token()).add("shared", campaigns(0, 3));
    io.distillwatch.hub.auth.Members right = io.distillwatch.hub.auth.Members.publicKeysOf(List.of(
        new io.distillwatch.hub.config.HubConfig.Member("alice", hub.alice.stix().identityId(), null,
            List.of(new io.distillwatch.hub.config.HubConfig.Key(hub.alice.key().keyId(), hub.alice.key().publicKeyBase64())))));
    // the same key claimed for another identity: signatures verify but created_by_ref does not match
    io.distillwatch.hub.auth.Members wrongIdentity = io.distillwatch.hub.auth.Members.publicKeysOf(List.of(
        new io.distillwatch.hub.config.HubConfig.Member("alice", hub.bob.stix().identityId(), null,
            List.of(new io.distillwatch.hub.config.HubConfig.Key(hub.alice.key().keyId(), hub.alice.key().publicKeyBase64())))));
    Puller.Result skipped = new Puller(new TaxiiClient(root, hub.carol.token()), local, tmp.resolve("s1.json"),
        wrongIdentity).pull("shared", 10);
    assertThat(skipped.skipped()).isEqualTo(3);
    assertThat(skipped.stored()).isZero();
    Puller.Result verified = new Puller(new TaxiiClient(root, hub.carol.token()), local, tmp.resolve("s2.json"),
        right).pull("shared", 10);
    assertThat(verified.stored()).isEqualTo(3);
  }

  @Test
  void refusalsSurfaceTheTaxiiError() {
    TaxiiClient carol = new TaxiiClient(URI.create(hub.base + "/forum"), hub.carol.token());
    assertThatThrownBy(() -> carol.add("shared", campaigns(0, 1)))
        .isInstanceOf(TaxiiClient.TaxiiClientException.class)
        .hasMessageContaining("403").hasMessageContaining("no-write");
  }
}
