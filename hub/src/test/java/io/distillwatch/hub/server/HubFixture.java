package io.distillwatch.hub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.Tlp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A hub on a random loopback port with an in-memory H2 store and three members. */
final class HubFixture implements AutoCloseable {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String TAXII = "application/taxii+json;version=2.1";

  /** A member as the tests drive it: token, key, STIX factory. */
  record Actor(String name, String token, Ed25519KeyPair key, StixFactory stix) {
    ObjectNode sign(ObjectNode o) {
      return ObjectSignature.sign(o, key);
    }
  }

  final Actor alice = actor("alice");
  final Actor bob = actor("bob");
  final Actor carol = actor("carol");
  final JdbcHubStore store;
  final HubServer server;
  final HttpClient http = HttpClient.newHttpClient();
  final String base;

  HubFixture() {
    this(null);
  }

  HubFixture(HubConfig.Limits limits) {
    HubConfig config = new HubConfig("Test hub", "forum", null, null, null, limits,
        List.of(member(alice), member(bob), member(carol)),
        List.of(
            new HubConfig.Collection("shared", "Shared", "everyone reads", List.of("*"), List.of("alice", "bob")),
            new HubConfig.Collection("alice-only", "Alice", null, List.of("alice"), List.of("alice")),
            new HubConfig.Collection("drop-box", "Drop box", null, List.of("alice"), List.of("bob"))));
    config.validate();
    store = JdbcHubStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4,
        Clock.systemUTC());
    server = HubServer.start(config, store, Clock.systemUTC(), "127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  private static Actor actor(String name) {
    byte[] secret = (name + "-node-secret-0123456789").getBytes(StandardCharsets.UTF_8);
    return new Actor(name, "token-" + name + "-" + UUID.randomUUID(), Ed25519KeyPair.generate(),
        new StixFactory(new StixIds(secret), Tlp.AMBER));
  }

  private static HubConfig.Member member(Actor a) {
    return new HubConfig.Member(a.name(), a.stix().identityId(), Members.sha256Hex(a.token()),
        List.of(new HubConfig.Key(a.key().keyId(), a.key().publicKeyBase64())));
  }

  String objectsUrl(String collection) {
    return base + "/forum/collections/" + collection + "/objects/";
  }

  HttpResponse<String> get(Actor who, String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", TAXII)
        .header("Authorization", "Bearer " + who.token()).GET().build());
  }

  HttpResponse<String> post(Actor who, String url, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", TAXII).header("Content-Type", TAXII)
        .header("Authorization", "Bearer " + who.token())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String envelope(List<? extends JsonNode> objects) throws Exception {
    ObjectNode env = MAPPER.createObjectNode();
    env.putArray("objects").addAll(new ArrayList<>(objects));
    return MAPPER.writeValueAsString(env);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return MAPPER.readTree(r.body());
  }

  /** A signed campaign by {@code who}, version {@code modified}. */
  static ObjectNode campaign(Actor who, String localId, String name, Instant modified) {
    return who.sign(who.stix().campaign(localId, name, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, modified));
  }

  static Map<String, String> none() {
    return Map.of();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
