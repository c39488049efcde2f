package io.distillwatch.hub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's own HTTPS port with client certificates required (certificates made with keytool). */
class MutualTlsTest {

  private static final String PASS = "test-pass-123";

  @TempDir static Path tmp;
  private JdbcHubStore store;
  private HubServer server;
  private final String token = "tls-token-" + UUID.randomUUID();

  private static void keytool(String... args) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(keytool));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static void keyPair(String alias) throws Exception {
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", alias + ".p12",
        "-storepass", PASS, "-keypass", PASS);
    keytool("-exportcert", "-alias", alias, "-keystore", alias + ".p12", "-storepass", PASS, "-file", alias + ".crt");
  }

  private static void trust(String cert, String store) throws Exception {
    keytool("-importcert", "-noprompt", "-alias", cert, "-file", cert + ".crt", "-keystore", store,
        "-storetype", "PKCS12", "-storepass", PASS);
  }

  /** Certificates once per class: each keytool run is a JVM start. */
  @org.junit.jupiter.api.BeforeAll
  static void certificates() throws Exception {
    keyPair("server");
    keyPair("member");
    trust("member", "members-trust.p12");
    trust("server", "hub-trust.p12");
  }

  @BeforeEach
  void start() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    HubConfig config = new HubConfig("TLS hub", "forum", null,
        new HubConfig.Tls(tmp.resolve("server.p12").toString(), "KS_PASS", tmp.resolve("members-trust.p12").toString(),
            "TS_PASS", true),
        null, null,
        List.of(new HubConfig.Member("m", "identity--11111111-1111-5111-8111-111111111111", Members.sha256Hex(token),
            List.of(new HubConfig.Key(key.keyId(), key.publicKeyBase64())))),
        List.of(new HubConfig.Collection("c", null, null, List.of("*"), List.of("*"))));
    config.validate();
    store = JdbcHubStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 1, Clock.systemUTC());
    server = HubServer.start(config, store, Clock.systemUTC(), "127.0.0.1", 0,
        Map.of("KS_PASS", PASS, "TS_PASS", PASS)::get);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private HttpClient client(boolean withCertificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tmp.resolve("hub-trust.p12"))) {
      trust.load(in, PASS.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (withCertificate) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(tmp.resolve("member.p12"))) {
        ks.load(in, PASS.toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASS.toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }

  private HttpRequest discovery(String scheme) {
    return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/taxii2/"))
        .header("Authorization", "Bearer " + token).GET().build();
  }

  @Test
  void aMemberWithACertificateAndTokenIsServed() throws Exception {
    HttpResponse<String> r = client(true).send(discovery("https"), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAClientCertificateTheHandshakeFails() {
    assertThatThrownBy(() -> client(false).send(discovery("https"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void thereIsNoPlainHttpOnThePort() {
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(discovery("http"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }
}
