package io.distillwatch.hub.server;

import static io.distillwatch.hub.server.HubFixture.campaign;
import static io.distillwatch.hub.server.HubFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.stix.StixFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sequence docs/hub.md walks through with curl and with the OASIS taxii2-client (Python), run by a
 * plain Java HTTP client over loopback: discovery, API root, collections, add (a bundle, as {@code
 * publish --dry-run} writes it), status, objects paged with {@code next}, manifest, versions. The
 * taxii2-client authenticates with {@code Authorization: Token <token>}; curl with {@code Bearer}.
 */
class TaxiiWalkthroughTest {

  private final HubFixture hub = new HubFixture();

  @AfterEach
  void stop() {
    hub.close();
  }

  /** What {@code curl -H "Authorization: <scheme> $TOKEN" -H "Accept: ..."} sends. */
  private HttpResponse<String> get(String scheme, String path) throws Exception {
    return hub.send(HttpRequest.newBuilder(URI.create(hub.base + path))
        .header("Authorization", scheme + " " + hub.alice.token())
        .header("Accept", "application/taxii+json;version=2.1").GET().build());
  }

  private HttpResponse<String> post(String scheme, String path, String body) throws Exception {
    return hub.send(HttpRequest.newBuilder(URI.create(hub.base + path))
        .header("Authorization", scheme + " " + hub.alice.token())
        .header("Accept", "application/taxii+json;version=2.1")
        .header("Content-Type", "application/taxii+json;version=2.1")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  @Test
  void theDocumentedSequenceWorksWithBothAuthorizationSchemes() throws Exception {
    for (String scheme : List.of("Bearer", "Token")) {
      walkThrough(scheme, scheme.toLowerCase());
    }
  }

  private void walkThrough(String scheme, String prefix) throws Exception {
    JsonNode discovery = json(get(scheme, "/taxii2/"));
    String root = discovery.get("api_roots").get(0).asText();
    assertThat(root).isEqualTo("/forum/");
    assertThat(json(get(scheme, root)).get("versions").get(0).asText()).isEqualTo("application/taxii+json;version=2.1");
    JsonNode collections = json(get(scheme, root + "collections/"));
    assertThat(collections.get("collections")).extracting(c -> c.get("id").asText()).contains("shared");

    // add: five campaigns in a STIX bundle, then a second version of the first one
    List<ObjectNode> objects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      objects.add(campaign(hub.alice, prefix + "-" + i, "Campaign " + i, Instant.parse("2026-01-02T00:00:00Z")));
    }
    String bundle = HubFixture.MAPPER.writeValueAsString(StixFactory.bundle(objects));
    HttpResponse<String> added = post(scheme, root + "collections/shared/objects/", bundle);
    assertThat(added.statusCode()).as(added.body()).isEqualTo(202);
    String statusId = json(added).get("id").asText();
    JsonNode status = json(get(scheme, root + "status/" + statusId + "/"));
    assertThat(status.get("status").asText()).isEqualTo("complete");
    assertThat(status.get("success_count").asInt()).isEqualTo(5);
    ObjectNode v2 = campaign(hub.alice, prefix + "-0", "Campaign 0 revised", Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(post(scheme, root + "collections/shared/objects/", HubFixture.envelope(List.of(v2))).statusCode())
        .isEqualTo(202);

    // objects, two per page, following next
    List<String> ids = new ArrayList<>();
    String page = root + "collections/shared/objects/?limit=2&match%5Bid%5D="
        + String.join(",", objects.stream().map(o -> o.get("id").asText()).toList());
    String base = page;
    int pages = 0;
    while (true) {
      JsonNode envelope = json(get(scheme, page));
      pages++;
      envelope.get("objects").forEach(o -> ids.add(o.get("id").asText()));
      if (!envelope.get("more").asBoolean()) {
        break;
      }
      page = base + "&next=" + envelope.get("next").asText();
    }
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    assertThat(pages).isEqualTo(3);

    JsonNode manifest = json(get(scheme, root + "collections/shared/manifest/?match%5Bid%5D=" + v2.get("id").asText()));
    assertThat(manifest.get("objects")).singleElement()
        .satisfies(m -> assertThat(m.get("version").asText()).isEqualTo("2026-01-03T00:00:00.000Z"));
    JsonNode versions = json(get(scheme, root + "collections/shared/objects/" + v2.get("id").asText() + "/versions/"));
    assertThat(versions.get("versions")).extracting(JsonNode::asText)
        .containsExactly("2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z");
  }
}
