package io.distillwatch.hub.server;

import static io.distillwatch.hub.server.HubFixture.campaign;
import static io.distillwatch.hub.server.HubFixture.envelope;
import static io.distillwatch.hub.server.HubFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.sign.ObjectSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaxiiProtocolTest {

  private final HubFixture hub = new HubFixture();

  @AfterEach
  void stop() {
    hub.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void discoveryApiRootAndCollectionsDescribeTheHub() throws Exception {
    HttpResponse<String> d = hub.get(hub.alice, hub.base + "/taxii2/");
    assertThat(d.statusCode()).isEqualTo(200);
    assertThat(d.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/taxii+json"));
    assertThat(json(d).get("api_roots").get(0).asText()).isEqualTo("/forum/");
    JsonNode root = json(hub.get(hub.alice, hub.base + "/forum/"));
    assertThat(root.get("versions").get(0).asText()).isEqualTo(HubFixture.TAXII);
    assertThat(root.get("max_content_length").asInt()).isPositive();
    JsonNode carolSees = json(hub.get(hub.carol, hub.base + "/forum/collections/"));
    assertThat(carolSees.get("collections")).extracting(c -> c.get("id").asText()).containsExactly("shared");
    JsonNode bobSees = json(hub.get(hub.bob, hub.base + "/forum/collections/"));
    assertThat(bobSees.get("collections")).extracting(c -> c.get("id").asText()).containsExactly("shared", "drop-box");
    JsonNode dropBox = json(hub.get(hub.bob, hub.base + "/forum/collections/drop-box/"));
    assertThat(dropBox.get("can_read").asBoolean()).isFalse();
    assertThat(dropBox.get("can_write").asBoolean()).isTrue();
  }

  @Test
  void postedObjectsComeBackSignedAndVerifiable() throws Exception {
    ObjectNode c = campaign(hub.alice, "c-1", "Campaign one", Instant.parse("2026-01-02T00:00:00Z"));
    HttpResponse<String> posted = hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(c, hub.alice.sign(
        hub.alice.stix().identity("Provider Alice", "organization", Instant.parse("2026-01-01T00:00:00Z"))))));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    JsonNode status = json(posted);
    assertThat(status.get("status").asText()).isEqualTo("complete");
    assertThat(status.get("success_count").asInt()).isEqualTo(2);
    JsonNode again = json(hub.get(hub.alice, hub.base + "/forum/status/" + status.get("id").asText() + "/"));
    assertThat(again.get("id")).isEqualTo(status.get("id"));
    assertThat(hub.get(hub.bob, hub.base + "/forum/status/" + status.get("id").asText() + "/").statusCode()).isEqualTo(404);

    HttpResponse<String> read = hub.get(hub.carol, hub.objectsUrl("shared"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
    assertThat(read.headers().firstValue("X-TAXII-Date-Added-Last")).isPresent();
    JsonNode env = json(read);
    assertThat(env.get("more").asBoolean()).isFalse();
    assertThat(env.get("objects")).hasSize(2);
    for (JsonNode o : env.get("objects")) {
      assertThat(ObjectSignature.verify((ObjectNode) o, id -> id.equals(hub.alice.key().keyId())
          ? Optional.of(hub.alice.key().publicKey()) : Optional.empty()))
          .isEqualTo(ObjectSignature.Verdict.VALID);
    }
  }

  @Test
  void pagingFiltersVersionsAndManifestFollowTaxii() throws Exception {
    List<ObjectNode> batch = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      batch.add(campaign(hub.alice, "c-" + i, "Campaign " + i, Instant.parse("2026-01-02T00:00:00Z")));
    }
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(batch)).statusCode()).isEqualTo(202);
    ObjectNode v2 = campaign(hub.alice, "c-0", "Campaign 0 revised", Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(v2))).statusCode()).isEqualTo(202);

    List<String> seen = new ArrayList<>();
    String url = hub.objectsUrl("shared") + "?limit=3";
    String lastAdded = null;
    while (true) {
      HttpResponse<String> page = hub.get(hub.bob, url);
      JsonNode env = json(page);
      env.get("objects").forEach(o -> seen.add(o.get("id").asText()));
      lastAdded = page.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
      if (!env.get("more").asBoolean()) {
        break;
      }
      url = hub.objectsUrl("shared") + "?limit=3&next=" + env.get("next").asText();
    }
    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    JsonNode afterLast = json(hub.get(hub.bob, hub.objectsUrl("shared") + "?added_after=" + enc(lastAdded)));
    assertThat(afterLast.has("objects")).isFalse();

    String id = v2.get("id").asText();
    JsonNode versions = json(hub.get(hub.bob, hub.objectsUrl("shared") + id + "/versions/"));
    assertThat(versions.get("versions")).extracting(JsonNode::asText)
        .containsExactly("2026-01-02T00:00:00.000Z", "2026-01-05T00:00:00.000Z");
    JsonNode first = json(hub.get(hub.bob, hub.objectsUrl("shared") + id + "/?" + enc("match[version]") + "=first"));
    assertThat(first.get("objects").get(0).get("name").asText()).isEqualTo("Campaign 0");
    JsonNode byId = json(hub.get(hub.bob, hub.objectsUrl("shared") + "?" + enc("match[id]") + "=" + id));
    assertThat(byId.get("objects")).singleElement().satisfies(o -> assertThat(o.get("name").asText()).isEqualTo("Campaign 0 revised"));
    JsonNode byType = json(hub.get(hub.bob, hub.objectsUrl("shared") + "?" + enc("match[type]") + "=indicator"));
    assertThat(byType.has("objects")).isFalse();
    JsonNode manifest = json(hub.get(hub.bob, hub.base + "/forum/collections/shared/manifest/"));
    assertThat(manifest.get("objects")).hasSize(7);
    assertThat(manifest.get("objects").get(0).get("media_type").asText()).isEqualTo("application/stix+json;version=2.1");
  }

  @Test
  void onlyTheCreatorDeletesAndDeletingRemovesTheObject() throws Exception {
    ObjectNode c = campaign(hub.alice, "c-del", "To delete", Instant.parse("2026-01-02T00:00:00Z"));
    hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(c)));
    String url = hub.objectsUrl("shared") + c.get("id").asText() + "/";
    HttpRequest.Builder del = HttpRequest.newBuilder(URI.create(url)).header("Accept", HubFixture.TAXII).DELETE();
    assertThat(hub.send(del.copy().header("Authorization", "Bearer " + hub.bob.token()).build()).statusCode()).isEqualTo(403);
    assertThat(hub.send(del.copy().header("Authorization", "Bearer " + hub.alice.token()).build()).statusCode()).isEqualTo(200);
    assertThat(hub.get(hub.alice, url).statusCode()).isEqualTo(404);
  }

  @Test
  void aBareBundleIsAcceptedAsALeniency() throws Exception {
    ObjectNode c = campaign(hub.alice, "c-b", "Bundled", Instant.parse("2026-01-02T00:00:00Z"));
    String bundle = HubFixture.MAPPER.writeValueAsString(
        io.distillwatch.sharing.stix.StixFactory.bundle(List.of(c)));
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), bundle).statusCode()).isEqualTo(202);
    assertThat(hub.store.countVersions()).isEqualTo(1);
  }

  @Test
  void everyRequestIsInTheAuditLog() throws Exception {
    hub.get(hub.carol, hub.objectsUrl("shared"));
    hub.get(hub.carol, hub.objectsUrl("alice-only"));
    hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared"))).GET().build());
    assertThat(hub.store.auditLog(100))
        .extracting(e -> e.member() + " " + e.collection() + " " + e.status())
        .contains("carol shared 200", "carol alice-only 404", "(unauthenticated) null 401");
  }

  @SuppressWarnings("unused")
  private static Map<String, String> unused() {
    return Map.of();
  }
}
