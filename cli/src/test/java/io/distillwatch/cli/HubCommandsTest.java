package io.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.hub.testing.TestPki;
import io.distillwatch.sharing.sign.NodeKey;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** keygen → hub → publish → pull, end to end on loopback, plus exit codes and the privacy check. */
class HubCommandsTest {

  @TempDir Path tmp;

  /** Distinctive identifiers planted in the scan output; none may leave the node. */
  private static final List<String> SECRETS = List.of("acct-zq81-harvester", "acct-zq82-harvester", "acct-solo-77x",
      "pm-fp-5150-unique", "198.51.100.77", "198.51.100.", "harvest77@mailinator.com", "mailinator",
      "c-9f3a1b2c4d5e6f70", "SECRET-PROMPT-TEXT", "JA3-abc123def456", "tmpl-fp-0badc0de");

  private Path scanOut() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("scan"));
    String signals = "[{\"id\":\"elicitation.cot\",\"value\":1.0,\"contribution\":0.5,"
        + "\"evidence\":\"example prompt 'SECRET-PROMPT-TEXT solve xyzzy'\"},"
        + "{\"id\":\"account.disposable_email\",\"value\":1.0,\"contribution\":0.2,\"evidence\":\"harvest77@mailinator.com\"},"
        + "{\"id\":\"infra.datacenter_egress\",\"value\":1.0,\"contribution\":0.2,\"evidence\":\"198.51.100.77 JA3-abc123def456\"}]";
    Files.writeString(dir.resolve("accounts.jsonl"),
        "{\"account\":\"acct-zq81-harvester\",\"score\":0.96,\"verdict\":\"distillation\",\"cluster\":\"c-9f3a1b2c4d5e6f70\","
            + "\"events\":2866,\"first_flagged_at\":\"2026-03-01T00:35:53.917Z\",\"signals\":" + signals + "}\n"
            + "{\"account\":\"acct-zq82-harvester\",\"score\":0.9,\"verdict\":\"distillation\",\"cluster\":\"c-9f3a1b2c4d5e6f70\","
            + "\"events\":100,\"first_flagged_at\":\"2026-03-01T02:00:00.000Z\",\"signals\":" + signals + "}\n"
            + "{\"account\":\"acct-solo-77x\",\"score\":0.9,\"verdict\":\"distillation\",\"cluster\":null,"
            + "\"events\":900,\"first_flagged_at\":\"2026-03-02T00:00:00.000Z\",\"signals\":" + signals + "}\n");
    Files.writeString(dir.resolve("clusters.jsonl"),
        "{\"cluster\":\"c-9f3a1b2c4d5e6f70\",\"accounts\":[\"acct-zq81-harvester\",\"acct-zq82-harvester\"],"
            + "\"score\":0.97,\"verdict\":\"distillation\",\"first_flagged_at\":\"2026-03-01T00:30:00.000Z\","
            + "\"links\":[{\"kind\":\"payment_fp\",\"count\":1,\"weight\":0.9,\"examples\":[\"pm-fp-5150-unique\"]},"
            + "{\"kind\":\"ip\",\"count\":1,\"weight\":0.5,\"examples\":[\"198.51.100.77\"]}],"
            + "\"template_fingerprint\":\"tmpl-fp-0badc0de\"}\n");
    return dir;
  }

  /** A hub run by {@code HubCommand} on its own thread; closing stops it and expects exit 0. */
  private static final class RunningHub implements AutoCloseable {
    final HubCommand command = new HubCommand();
    final String startupLine;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final Future<Integer> running;

    RunningHub(Path config, java.util.function.Function<String, String> env) throws Exception {
      command.env = env;
      java.io.PrintStream out = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        running = pool.submit(() -> run(command, "--config", config.toString()));
        assertThat(command.started.await(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        System.setOut(out);
      }
      startupLine = printed.toString(StandardCharsets.UTF_8);
    }

    String api(String scheme) {
      return scheme + "://127.0.0.1:" + command.boundPort + "/forum/";
    }

    @Override
    public void close() throws Exception {
      command.stop.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
      pool.shutdownNow();
    }
  }

  private static int run(Object command, String... args) {
    return new CommandLine(command).execute(args);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private Path hubConfig(Path... keyAndTokenPairs) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode cfg = mapper.createObjectNode();
    cfg.putObject("store").put("url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    cfg.putObject("listen").put("host", "127.0.0.1").put("port", 0);
    ArrayNode members = cfg.putArray("members");
    for (int i = 0; i < keyAndTokenPairs.length; i += 2) {
      ObjectNode m = NodeKey.load(keyAndTokenPairs[i]).memberEntry();
      m.put("token_sha256", sha256(Files.readAllLines(keyAndTokenPairs[i + 1]).get(0).trim()));
      members.add(m);
    }
    ArrayNode collections = cfg.putArray("collections");
    for (String id : List.of("campaigns", "open")) {
      ObjectNode c = collections.addObject();
      c.put("id", id);
      c.putArray("read").add("*");
      c.putArray("write").add("*");
    }
    Path file = tmp.resolve("hub.json");
    mapper.writeValue(file.toFile(), cfg);
    return file;
  }

  @Test
  void keygenHubPublishAndPullWorkTogether() throws Exception {
    Path aKey = tmp.resolve("a/node-key.json");
    Path aToken = tmp.resolve("a/token.txt");
    Path bKey = tmp.resolve("b/node-key.json");
    Path bToken = tmp.resolve("b/token.txt");
    assertThat(run(new KeygenCommand(), "--out", aKey.toString(), "--name", "Provider A", "--token-out", aToken.toString())).isZero();
    assertThat(run(new KeygenCommand(), "--out", bKey.toString(), "--name", "Provider B", "--token-out", bToken.toString())).isZero();
    assertThat(run(new KeygenCommand(), "--out", aKey.toString(), "--name", "again")).isEqualTo(ExitCodes.USAGE);
    assertThat(Files.readString(aKey)).contains("private_seed");

    Path hubJson = hubConfig(aKey, aToken, bKey, bToken);
    try (RunningHub hub = new RunningHub(hubJson, System::getenv)) {
      String api = hub.api("http");
      String[] publish = {"--scan-out", scanOut().toString(), "--hub", api, "--collection", "campaigns",
          "--token-file", aToken.toString(), "--key", aKey.toString()};
      assertThat(run(new PublishCommand(), publish)).isZero();
      assertThat(run(new PublishCommand(), publish)).as("re-publishing is idempotent").isZero();

      Path state = tmp.resolve("b/pull-state.json");
      String store = "jdbc:h2:file:" + tmp.resolve("b/intel").toAbsolutePath();
      String[] pull = {"--hub", api, "--collection", "campaigns", "--token-file", bToken.toString(),
          "--store", store, "--state", state.toString(), "--page-size", "4"};
      assertThat(run(new PullCommand(), pull)).isZero();
      assertThat(Files.readString(state)).contains("campaigns");
      assertThat(run(new PullCommand(), pull)).isZero();
      // identity, 2 attack-patterns, 2 campaigns, 4 relationships, 2 sightings, and the 4 reference objects they
      // point to (TLP:AMBER, the project identity, 2 extension-definitions); the re-post added nothing
      try (var local = io.distillwatch.hub.store.JdbcHubStore.open(store, "sa", "", 1, java.time.Clock.systemUTC())) {
        assertThat(local.countVersions()).isEqualTo(15);
      }
      // a reader that re-verifies signatures against the members' public keys gets the same objects
      String verifiedStore = "jdbc:h2:file:" + tmp.resolve("b/verified").toAbsolutePath();
      assertThat(run(new PullCommand(), "--hub", api, "--collection", "campaigns", "--token-file", bToken.toString(),
          "--store", verifiedStore, "--state", tmp.resolve("b/verified-state.json").toString(),
          "--members", hubJson.toString())).isZero();
      try (var local = io.distillwatch.hub.store.JdbcHubStore.open(verifiedStore, "sa", "", 1, java.time.Clock.systemUTC())) {
        assertThat(local.countVersions()).isEqualTo(15);
      }
    }
  }

  @Test
  void republishingUnderAnotherTlpWorksAndEachVersionHasOneContentEverywhere() throws Exception {
    Path key = tmp.resolve("a/node-key.json");
    Path token = tmp.resolve("a/token.txt");
    assertThat(run(new KeygenCommand(), "--out", key.toString(), "--name", "Provider A", "--token-out", token.toString())).isZero();
    try (RunningHub hub = new RunningHub(hubConfig(key, token), System::getenv)) {
      String api = hub.api("http");
      Path scan = scanOut();
      for (String[] target : List.of(new String[] {"campaigns", "amber"}, new String[] {"campaigns", "green"},
          new String[] {"open", "green"}, new String[] {"open", "amber"})) {
        assertThat(run(new PublishCommand(), "--scan-out", scan.toString(), "--hub", api, "--collection", target[0],
            "--token-file", token.toString(), "--key", key.toString(), "--tlp", target[1]))
            .as("publish to %s as %s", target[0], target[1]).isZero();
      }
      TaxiiClient reader = new TaxiiClient(java.net.URI.create(api), Files.readAllLines(token).get(0));
      java.util.Map<String, String> contentByVersion = new java.util.HashMap<>();
      for (String collection : List.of("campaigns", "open")) {
        for (com.fasterxml.jackson.databind.JsonNode o : reader.objects(collection, null, 1000, true).objects()) {
          String version = o.get("id").asText() + "@" + o.path("modified").asText(o.path("created").asText());
          String content = io.distillwatch.sharing.jcs.Jcs.canonicalString(o);
          assertThat(contentByVersion.putIfAbsent(version, content)).as(version).isIn(null, content);
        }
      }
      com.fasterxml.jackson.databind.JsonNode latest = reader.objects("campaigns", null, 1000, false).objects().stream()
          .filter(o -> o.get("type").asText().equals("campaign")).findFirst().orElseThrow();
      assertThat(latest.get("object_marking_refs").get(0).asText())
          .isEqualTo(io.distillwatch.sharing.stix.Tlp.GREEN.markingId());
    }
  }

  @Test
  void aDryRunOfARealScanWritesABundleWithTheTrafficsTimes() throws Exception {
    Path demo = tmp.resolve("demo");
    assertThat(run(new DemoCommand(), "--out", demo.toString())).isZero();
    Path key = tmp.resolve("node-key.json");
    assertThat(run(new KeygenCommand(), "--out", key.toString(), "--name", "Provider A")).isZero();
    Path bundleFile = tmp.resolve("bundle.json");
    Instant before = Instant.now();
    assertThat(run(new PublishCommand(), "--scan-out", demo.toString(), "--hub", "http://127.0.0.1:9/forum/",
        "--collection", "c", "--token-file", tmp.resolve("no-token").toString(), "--key", key.toString(),
        "--dry-run", bundleFile.toString())).isZero();
    com.fasterxml.jackson.databind.JsonNode bundle = new ObjectMapper().readTree(bundleFile.toFile());
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    List<com.fasterxml.jackson.databind.JsonNode> campaigns = new java.util.ArrayList<>();
    java.util.Set<String> types = new java.util.TreeSet<>();
    bundle.get("objects").forEach(o -> {
      types.add(o.get("type").asText());
      if (o.get("type").asText().equals("campaign")) {
        campaigns.add(o);
      }
    });
    assertThat(types).contains("marking-definition", "extension-definition", "identity", "campaign", "sighting");
    assertThat(campaigns).isNotEmpty();
    // the sample's traffic runs from 2026-03-01T00:00Z over a few days; publishing happens now
    Instant sampleStart = Instant.parse("2026-03-01T00:00:00Z");
    for (com.fasterxml.jackson.databind.JsonNode c : campaigns) {
      Instant first = Instant.parse(c.get("first_seen").asText());
      Instant last = Instant.parse(c.get("last_seen").asText());
      assertThat(first).as("%s", c).isAfterOrEqualTo(sampleStart).isBefore(last).isBefore(before.minusSeconds(86_400));
      long hours = c.at("/extensions/" + io.distillwatch.sharing.stix.StixExtensions.DISTILLATION_ID
          + "/volume_profile/active_hours").asLong();
      assertThat(hours).as("%s", c).isEqualTo((java.time.Duration.between(first, last).toMillis() + 3_599_999) / 3_600_000)
          .isPositive();
    }
  }

  @Test
  void publishAndPullReachAHubThatRequiresClientCertificates() throws Exception {
    TestPki pki = new TestPki(Files.createDirectories(tmp.resolve("pki")));
    Path aKey = tmp.resolve("a/node-key.json");
    Path aToken = tmp.resolve("a/token.txt");
    assertThat(run(new KeygenCommand(), "--out", aKey.toString(), "--name", "Provider A", "--token-out", aToken.toString())).isZero();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode cfg = (ObjectNode) mapper.readTree(hubConfig(aKey, aToken).toFile());
    cfg.putObject("tls").put("keystore", pki.file("server.p12").toString()).put("keystore_password_env", "KS")
        .put("truststore", pki.file("members-trust.p12").toString()).put("truststore_password_env", "TS")
        .put("require_client_certificate", true);
    Path hubJson = tmp.resolve("tls-hub.json");
    mapper.writeValue(hubJson.toFile(), cfg);
    java.util.function.Function<String, String> env = java.util.Map.of("KS", TestPki.PASS, "TS", TestPki.PASS,
        "P12_PASS", TestPki.PASS)::get;
    try (RunningHub hub = new RunningHub(hubJson, env)) {
      assertThat(hub.startupLine).contains("TAXII 2.1 on https://127.0.0.1:" + hub.command.boundPort);
      String api = hub.api("https");
      String[] publish = {"--scan-out", scanOut().toString(), "--hub", api, "--collection", "campaigns",
          "--token-file", aToken.toString(), "--key", aKey.toString(), "--hub-ca", pki.file("ca.pem").toString()};
      assertThat(run(new PublishCommand(), publish)).as("no client certificate: handshake refused").isEqualTo(1);
      assertThat(run(new PublishCommand(), concat(publish, "--client-cert", pki.file("client.pem").toString(),
          "--client-key", pki.file("client-key.pem").toString()))).isZero();
      PullCommand pull = new PullCommand();
      pull.tls.env = env;
      String store = "jdbc:h2:file:" + tmp.resolve("b/intel").toAbsolutePath();
      assertThat(run(pull, "--hub", api, "--collection", "campaigns", "--token-file", aToken.toString(),
          "--store", store, "--state", tmp.resolve("b/state.json").toString(), "--hub-ca", pki.file("ca.p12").toString(),
          "--client-cert", pki.file("client.p12").toString(), "--tls-password-env", "P12_PASS")).isZero();
      try (var local = io.distillwatch.hub.store.JdbcHubStore.open(store, "sa", "", 1, java.time.Clock.systemUTC())) {
        assertThat(local.countVersions()).isEqualTo(15);
      }
      assertThat(run(new PullCommand(), "--hub", api.replace("https", "http"), "--collection", "campaigns",
          "--token-file", aToken.toString(), "--hub-ca", pki.file("ca.pem").toString())).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Test
  void thePostedBytesCarryNoCustomerIdentifierOrPromptText() throws Exception {
    Path key = tmp.resolve("node-key.json");
    Path token = tmp.resolve("token.txt");
    assertThat(run(new KeygenCommand(), "--out", key.toString(), "--name", "Provider A", "--token-out", token.toString())).isZero();
    List<byte[]> captured = new CopyOnWriteArrayList<>();
    HttpServer capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    capture.createContext("/", exchange -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      exchange.getRequestBody().transferTo(body);
      captured.add(body.toByteArray());
      byte[] status = "{\"id\":\"s\",\"status\":\"complete\",\"success_count\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
      exchange.sendResponseHeaders(202, status.length);
      exchange.getResponseBody().write(status);
      exchange.close();
    });
    capture.start();
    try {
      int code = run(new PublishCommand(), "--scan-out", scanOut().toString(),
          "--hub", "http://127.0.0.1:" + capture.getAddress().getPort() + "/forum/", "--collection", "campaigns",
          "--token-file", token.toString(), "--key", key.toString());
      assertThat(code).isZero();
    } finally {
      capture.stop(0);
    }
    assertThat(captured).isNotEmpty();
    String posted = new String(captured.get(0), StandardCharsets.UTF_8);
    assertThat(posted).contains("campaign--");
    for (String secret : SECRETS) {
      assertThat(posted).as("posted bytes").doesNotContain(secret);
    }
  }

  @Test
  void exitCodesFollowTheProjectRules() throws Exception {
    Path key = tmp.resolve("node-key.json");
    assertThat(run(new KeygenCommand(), "--out", key.toString(), "--name", "A")).isZero();
    Path token = Files.writeString(tmp.resolve("t.txt"), "x\n");
    String[] base = {"--hub", "http://127.0.0.1:9/forum/", "--collection", "c", "--token-file", token.toString(),
        "--key", key.toString()};
    assertThat(run(new PublishCommand(), concat(base, "--scan-out", tmp.resolve("missing").toString())))
        .isEqualTo(ExitCodes.INPUT_UNREADABLE);
    assertThat(run(new PublishCommand(), concat(base, "--scan-out", scanOut().toString(), "--tlp", "red")))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run(new PublishCommand(), concat(base, "--scan-out", scanOut().toString()))).as("hub unreachable").isEqualTo(1);
    assertThat(run(new HubCommand(), "--config", tmp.resolve("none.json").toString())).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"members\":[]}");
    assertThat(run(new HubCommand(), "--config", bad.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(run(new PublishCommand(), "--bogus")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void theHubDoesNotStartWithAnUnknownMemberInACollectionOrAnUnsetPasswordVariable() throws Exception {
    Path key = tmp.resolve("node-key.json");
    Path token = tmp.resolve("token.txt");
    assertThat(run(new KeygenCommand(), "--out", key.toString(), "--name", "A", "--token-out", token.toString())).isZero();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode typo = (ObjectNode) mapper.readTree(hubConfig(key, token).toFile());
    ((ArrayNode) typo.get("collections").get(0).get("write")).removeAll().add("provider-aa");
    Path typoFile = tmp.resolve("typo.json");
    mapper.writeValue(typoFile.toFile(), typo);
    ObjectNode unset = (ObjectNode) mapper.readTree(hubConfig(key, token).toFile());
    ((ObjectNode) unset.get("store")).put("password_env", "DW_UNSET_" + UUID.randomUUID().toString().replace('-', '_'));
    Path unsetFile = tmp.resolve("unset.json");
    mapper.writeValue(unsetFile.toFile(), unset);
    java.io.PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(run(new HubCommand(), "--config", typoFile.toString())).isEqualTo(ExitCodes.USAGE);
      assertThat(run(new HubCommand(), "--config", unsetFile.toString())).isEqualTo(ExitCodes.USAGE);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("unknown member 'provider-aa'").contains("password_env").contains("not set");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
