package io.distillwatch.hub.server;

import static io.distillwatch.hub.server.HubFixture.campaign;
import static io.distillwatch.hub.server.HubFixture.envelope;
import static io.distillwatch.hub.server.HubFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.StixExtensions;
import io.distillwatch.sharing.stix.Tlp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks over real HTTP on loopback. Every refusal must be the right 4xx with a TAXII error body,
 * served as TAXII JSON, with no stack trace, and must leave the store unchanged.
 */
class HubSecurityTest {

  private static final Instant V1 = Instant.parse("2026-01-02T00:00:00Z");
  private static final Instant V2 = Instant.parse("2026-01-03T00:00:00Z");

  private HubFixture hub = new HubFixture(
      new HubConfig.Limits(256 * 1024, 32 * 1024, 16, 100_000, 100_000, 1000, 1000));

  @AfterEach
  void stop() {
    hub.close();
  }

  /** Asserts a TAXII error of {@code status}/{@code code} and that the store holds {@code versions}. */
  private void assertRefused(HttpResponse<String> r, int status, String code, long versions) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/taxii+json"));
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    JsonNode error = json(r);
    assertThat(error.get("http_status").asText()).isEqualTo(Integer.toString(status));
    assertThat(error.get("title").asText()).isNotBlank();
    if (code != null) {
      assertThat(error.get("error_code").asText()).isEqualTo(code);
    }
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.distillwatch");
    assertThat(hub.store.countVersions()).isEqualTo(versions);
  }

  private String oneCampaign(HubFixture.Actor who) throws Exception {
    return envelope(List.of(campaign(who, "c-1", "Campaign", V1)));
  }

  @Test
  void noTokenOrAWrongTokenIs401() throws Exception {
    HttpResponse<String> none = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Content-Type", HubFixture.TAXII).POST(HttpRequest.BodyPublishers.ofString(oneCampaign(hub.alice))).build());
    assertRefused(none, 401, "unauthenticated", 0);
    assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    HttpResponse<String> wrong = hub.send(HttpRequest.newBuilder(URI.create(hub.base + "/taxii2/"))
        .header("Authorization", "Bearer " + hub.alice.token() + "x").GET().build());
    assertRefused(wrong, 401, "unauthenticated", 0);
    HttpResponse<String> basic = hub.send(HttpRequest.newBuilder(URI.create(hub.base + "/taxii2/"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:x".getBytes())).GET().build());
    assertRefused(basic, 401, "unauthenticated", 0);
  }

  @Test
  void readingWithoutPermissionIs404WhenInvisibleAnd403WhenWriteOnly() throws Exception {
    assertThat(hub.post(hub.alice, hub.objectsUrl("alice-only"), oneCampaign(hub.alice)).statusCode()).isEqualTo(202);
    assertRefused(hub.get(hub.carol, hub.objectsUrl("alice-only")), 404, "not-found", 1);
    assertRefused(hub.get(hub.carol, hub.base + "/forum/collections/alice-only/manifest/"), 404, "not-found", 1);
    assertRefused(hub.get(hub.bob, hub.objectsUrl("drop-box")), 403, "no-read", 1);
    assertRefused(hub.get(hub.carol, hub.objectsUrl("no-such")), 404, "not-found", 1);
  }

  @Test
  void writingWithoutPermissionIs403() throws Exception {
    assertRefused(hub.post(hub.carol, hub.objectsUrl("shared"), oneCampaign(hub.carol)), 403, "no-write", 0);
    assertRefused(hub.post(hub.carol, hub.objectsUrl("alice-only"), oneCampaign(hub.carol)), 404, "not-found", 0);
  }

  @Test
  void writingAsAnotherMemberIsRefused() throws Exception {
    // bob signs with his own key but claims alice created the object
    ObjectNode claim = hub.bob.stix().campaign("c-x", "x", null, V1, null, null, V1);
    claim.put("created_by_ref", hub.alice.stix().identityId());
    assertRefused(hub.post(hub.bob, hub.objectsUrl("shared"), envelope(List.of(hub.bob.sign(claim)))), 403,
        "created-by-mismatch", 0);
    // bob replays an object alice really signed
    assertRefused(hub.post(hub.bob, hub.objectsUrl("shared"), oneCampaign(hub.alice)), 403, "not-signer", 0);
  }

  @Test
  void anObjectIdCannotBeSquattedInAnotherCollection() throws Exception {
    // alice publishes in her own collection; bob cannot see it, but learns or guesses the id
    ObjectNode mine = campaign(hub.alice, "c-sq", "Alice's campaign", V1);
    assertThat(hub.post(hub.alice, hub.objectsUrl("alice-only"), envelope(List.of(mine))).statusCode()).isEqualTo(202);
    ObjectNode squat = hub.bob.stix().campaign("c-bob", "Bob's claim", null, V1, null, null, V1);
    squat.put("id", mine.get("id").asText());
    assertRefused(hub.post(hub.bob, hub.objectsUrl("shared"), envelope(List.of(hub.bob.sign(squat)))), 403,
        "not-owner", 1);
    // the owner's own publish to that collection goes through, and readers see one creator
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(mine))).statusCode()).isEqualTo(202);
    JsonNode served = json(hub.get(hub.carol, hub.objectsUrl("shared") + mine.get("id").asText()
        + "/?match%5Bversion%5D=all"));
    assertThat(served.get("objects")).extracting(o -> o.get("created_by_ref").asText())
        .containsOnly(hub.alice.stix().identityId());
  }

  @Test
  void referenceObjectsAreAdmittedUnsignedOnlyExactlyAsPublished() throws Exception {
    List<ObjectNode> references = List.of(Tlp.GREEN.markingDefinition(), StixExtensions.projectIdentity(),
        StixExtensions.signatureDefinition(), StixExtensions.distillationDefinition());
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(references)).statusCode()).isEqualTo(202);
    HttpResponse<String> again = hub.post(hub.bob, hub.objectsUrl("shared"), envelope(references));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(hub.post(hub.bob, hub.objectsUrl("drop-box"), envelope(references)).statusCode()).isEqualTo(202);
    ObjectNode fake = Tlp.GREEN.markingDefinition().put("name", "TLP:GREEN (anything goes)");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(fake))), 403, "reserved-id", 8);
    ObjectNode claimed = Tlp.CLEAR.markingDefinition().put("created_by_ref", hub.alice.stix().identityId());
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(claimed)))), 403,
        "reserved-id", 8);
  }

  @Test
  void forgedAlteredOrUnsignedObjectsAreRefused() throws Exception {
    ObjectNode forged = campaign(hub.alice, "c-1", "Campaign", V1);
    byte[] random = new byte[64];
    new Random(7).nextBytes(random);
    ((ObjectNode) forged.get("extensions").get(ObjectSignature.EXTENSION_ID))
        .put("signature", Base64.getEncoder().encodeToString(random));
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(forged))), 403,
        "signature-bad-signature", 0);
    ObjectNode altered = campaign(hub.alice, "c-1", "Campaign", V1).put("name", "Altered");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(altered))), 403,
        "signature-bad-signature", 0);
    ObjectNode unsigned = hub.alice.stix().campaign("c-2", "x", null, V1, null, null, V1);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(unsigned))), 403,
        "signature-unsigned", 0);
  }

  @Test
  void aSignatureMovedToAnotherObjectIsRefused() throws Exception {
    ObjectNode signed = campaign(hub.alice, "c-1", "Campaign", V1);
    ObjectNode other = hub.alice.stix().campaign("c-2", "Campaign", null, V1, null, null, V1);
    other.putObject("extensions").set(ObjectSignature.EXTENSION_ID,
        signed.get("extensions").get(ObjectSignature.EXTENSION_ID));
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(other))), 403,
        "signature-bad-signature", 0);
  }

  @Test
  void anOldVersionCannotRollBackAndAStoredVersionRepostedChangesNothing() throws Exception {
    ObjectNode v1 = campaign(hub.alice, "c-1", "First", V1);
    ObjectNode v2 = campaign(hub.alice, "c-1", "Second", V2);
    assertThat(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(v2))).statusCode()).isEqualTo(202);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(v1))), 422, "rollback-refused", 1);
    // a mixed envelope is refused whole: the good object is not stored either
    ObjectNode fresh = campaign(hub.alice, "c-9", "Fresh", V1);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(fresh, v1))), 422,
        "rollback-refused", 1);
    HttpResponse<String> again = hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(v2)));
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("successes").get(0).get("message").asText()).contains("unchanged");
    assertThat(hub.store.countVersions()).isEqualTo(1);
    JsonNode current = json(hub.get(hub.bob, hub.objectsUrl("shared")));
    assertThat(current.get("objects").get(0).get("name").asText()).isEqualTo("Second");
  }

  @Test
  void oversizedBodiesAre413WithOrWithoutContentLength() throws Exception {
    StringBuilder big = new StringBuilder("{\"objects\":[");
    big.append("\"").append("x".repeat(300 * 1024)).append("\"]}");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), big.toString()), 413, "too-large", 0);
    HttpResponse<String> chunked = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Content-Type", HubFixture.TAXII).header("Authorization", "Bearer " + hub.alice.token())
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(big.toString().getBytes(StandardCharsets.UTF_8)))).build());
    assertRefused(chunked, 413, "too-large", 0);
    ObjectNode huge = hub.alice.stix().campaign("c-h", "x", "d".repeat(40 * 1024), V1, null, null, V1);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(huge)))), 400,
        "too-deep-or-too-long", 0);
  }

  @Test
  void deeplyNestedMalformedAndDuplicateKeyBodiesAre400() throws Exception {
    String deep = "{\"objects\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}";
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), deep), 400, "too-deep-or-too-long", 0);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), "{\"objects\": [ {\"type\": "), 400, "malformed-json", 0);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), "not json at all"), 400, "malformed-json", 0);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), ""), 400, null, 0);
    String dup = oneCampaign(hub.alice).replaceFirst("\\{\"objects\"", "{\"objects\":[],\"objects\"");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), dup), 400, "malformed-json", 0);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), "[1,2,3]"), 400, "not-an-envelope", 0);
  }

  @Test
  void loneSurrogatesAnywhereInTheBodyAre400() throws Exception {
    String valid = oneCampaign(hub.alice);
    String inObject = valid.replace("\"name\":\"Campaign\"", "\"name\":\"Camp\\ud800aign\"");
    assertThat(inObject).isNotEqualTo(valid);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), inObject), 400, "malformed-json", 0);
    String inEnvelope = valid.replace("{\"objects\"", "{\"note\":\"\\udc00\",\"objects\"");
    assertThat(inEnvelope).contains("udc00").isNotEqualTo(valid);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), inEnvelope), 400, "malformed-json", 0);
    String pair = valid.replace("\"name\":\"Campaign\"", "\"name\":\"Camp\\ud83d\\ude00aign\"");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), pair), 403, "signature-bad-signature", 0);
  }

  @Test
  void httpDetailsFollowTheStandards() throws Exception {
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Authorization", "Bearer " + hub.alice.token());
    assertRefused(hub.send(get.copy().header("Accept", "application/taxii+json;version=2.1;q=0").build()), 406,
        "not-acceptable", 0);
    assertRefused(hub.send(get.copy().header("Accept", "application/taxii+json;q=0, */*").build()), 406,
        "not-acceptable", 0);
    assertRefused(hub.get(hub.alice, hub.objectsUrl("shared") + "?next=0"), 400, "bad-parameter", 0);
    assertRefused(hub.get(hub.alice, hub.objectsUrl("shared") + "?next=-4"), 400, "bad-parameter", 0);
    assertThat(hub.get(hub.alice, hub.objectsUrl("shared") + "?limit=99999999999").statusCode()).isEqualTo(200);
    String collection = hub.base + "/forum/collections/shared/";
    for (String method : List.of("PUT", "DELETE", "TRACE", "PATCH")) {
      HttpResponse<String> r = hub.send(HttpRequest.newBuilder(URI.create(collection))
          .header("Authorization", "Bearer " + hub.alice.token()).header("Accept", HubFixture.TAXII)
          .method(method, HttpRequest.BodyPublishers.noBody()).build());
      assertRefused(r, 405, "method-not-allowed", 0);
      assertThat(r.headers().firstValue("Allow")).as(method).contains("GET");
    }
    HttpResponse<String> put = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Authorization", "Bearer " + hub.alice.token())
        .PUT(HttpRequest.BodyPublishers.ofString(oneCampaign(hub.alice))).build());
    assertRefused(put, 405, "method-not-allowed", 0);
    assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
  }

  @Test
  void invalidStixIs422() throws Exception {
    ObjectNode noName = hub.alice.stix().campaign("c-1", "x", null, V1, null, null, V1);
    noName.remove("name");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(noName)))), 422,
        "invalid-stix", 0);
    ObjectNode badId = hub.alice.stix().campaign("c-1", "x", null, V1, null, null, V1).put("id", "campaign--1234");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(badId)))), 422,
        "invalid-stix", 0);
    ObjectNode oldSpec = hub.alice.stix().campaign("c-1", "x", null, V1, null, null, V1).put("spec_version", "2.0");
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(oldSpec)))), 422,
        "invalid-stix", 0);
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), "{\"objects\":[]}"), 422, "no-objects", 0);
  }

  @Test
  void tlpRedIsRefused() throws Exception {
    ObjectNode red = hub.alice.stix().campaign("c-r", "x", null, V1, null, null, V1);
    red.putArray("object_marking_refs").add(Tlp.RED.markingId());
    assertRefused(hub.post(hub.alice, hub.objectsUrl("shared"), envelope(List.of(hub.alice.sign(red)))), 422,
        "tlp-red", 0);
  }

  @Test
  void wrongMediaTypesAre415And406() throws Exception {
    HttpResponse<String> json = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + hub.alice.token())
        .POST(HttpRequest.BodyPublishers.ofString(oneCampaign(hub.alice))).build());
    assertRefused(json, 415, "unsupported-media-type", 0);
    HttpResponse<String> html = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Accept", "text/html").header("Authorization", "Bearer " + hub.alice.token()).GET().build());
    assertRefused(html, 406, "not-acceptable", 0);
    HttpResponse<String> oldTaxii = hub.send(HttpRequest.newBuilder(URI.create(hub.objectsUrl("shared")))
        .header("Accept", "application/taxii+json;version=2.0").header("Authorization", "Bearer " + hub.alice.token())
        .GET().build());
    assertRefused(oldTaxii, 406, "not-acceptable", 0);
  }

  @Test
  void scriptAndHtmlInEveryStringFieldAreStoredAndServedInert() throws Exception {
    String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;\"'";
    ObjectNode c = hub.alice.stix().campaign("c-xss", payload, payload, V1, null, null, V1);
    c.put("objective", payload);
    c.putArray("aliases").add(payload);
    ObjectNode note = hub.alice.stix().note("n-xss", payload, payload, List.of(c.get("id").asText()), V1);
    HttpResponse<String> posted = hub.post(hub.alice, hub.objectsUrl("shared"),
        envelope(List.of(hub.alice.sign(c), hub.alice.sign(note))));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    assertThat(posted.body()).doesNotContain("<");
    HttpResponse<String> read = hub.get(hub.bob, hub.objectsUrl("shared"));
    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/taxii+json"));
    assertThat(read.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(read.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
    assertThat(read.body()).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    for (JsonNode o : json(read).get("objects")) {
      o.fields().forEachRemaining(f -> {
        if (f.getValue().isTextual() && !f.getKey().endsWith("id") && !f.getKey().endsWith("ref")
            && !f.getKey().equals("type") && !f.getKey().equals("spec_version")
            && !f.getKey().equals("created") && !f.getKey().equals("modified") && !f.getKey().equals("first_seen")) {
          assertThat(f.getValue().asText()).as(f.getKey()).isEqualTo(payload);
        }
      });
      assertThat(ObjectSignature.verify((ObjectNode) o, id -> Optional.of(hub.alice.key().publicKey())))
          .isEqualTo(ObjectSignature.Verdict.VALID);
    }
  }

  @Test
  void tooManyRequestsIs429() throws Exception {
    hub.close();
    hub = new HubFixture(new HubConfig.Limits(null, null, null, 1, 3, null, null));
    for (int i = 0; i < 3; i++) {
      assertThat(hub.get(hub.alice, hub.base + "/taxii2/").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = hub.get(hub.alice, hub.base + "/taxii2/");
    assertRefused(limited, 429, "rate-limited", 0);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(hub.get(hub.bob, hub.base + "/taxii2/").statusCode()).as("buckets are per member").isEqualTo(200);
  }

  @Test
  void malformedHttpGetsATaxiiErrorNotAnHtmlPage() throws Exception {
    for (String requestLine : List.of("GET /forum/%zz/ HTTP/1.1", "GET /forum/\u0000 HTTP/1.1", "BREW /taxii2/ HTTP/1.1")) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hub.server.port())) {
        socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + hub.alice.token() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).as(requestLine).startsWith("HTTP/1.1 4");
        assertThat(response).as(requestLine).doesNotContainIgnoringCase("<html").doesNotContain("Exception");
        assertThat(response).as(requestLine).containsIgnoringCase("application/taxii+json");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11L, 12L, 13L, 14L, 15L})
  void randomlyMutatedBodiesNeverCauseA500(long seed) throws Exception {
    Random random = new Random(seed);
    String valid = envelope(List.of(campaign(hub.alice, "c-m", "Mutant", V1)));
    for (int i = 0; i < 40; i++) {
      char[] chars = valid.toCharArray();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
      }
      HttpResponse<String> r = hub.post(hub.alice, hub.objectsUrl("shared"), new String(chars));
      assertThat(r.statusCode()).as("seed %d body %s -> %s", seed, new String(chars), r.body())
          .isIn(202, 400, 403, 413, 422);
      assertThat(json(r).has("http_status") || r.statusCode() == 202).as("seed %d", seed).isTrue();
    }
  }
}
