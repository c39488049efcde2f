package io.distillwatch.hub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.client.ClientTls;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.hub.testing.TestPki;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's own HTTPS port with client certificates required, reached by the node's client with its
 * TLS options (CA file, client certificate and key as PEM or PKCS#12); certificates made with Bouncy
 * Castle in the test.
 */
class MutualTlsTest {

  private static final char[] PASS = TestPki.PASS.toCharArray();

  @TempDir static Path tmp;
  private static TestPki pki;
  private JdbcHubStore store;
  private HubServer server;
  private final String token = "tls-token-" + UUID.randomUUID();

  @BeforeAll
  static void certificates() throws Exception {
    pki = new TestPki(tmp);
  }

  @BeforeEach
  void start() {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    HubConfig config = new HubConfig("TLS hub", "forum", null,
        new HubConfig.Tls(pki.file("server.p12").toString(), "KS_PASS", pki.file("members-trust.p12").toString(),
            "TS_PASS", true),
        null, null,
        List.of(new HubConfig.Member("m", "identity--11111111-1111-5111-8111-111111111111", Members.sha256Hex(token),
            List.of(new HubConfig.Key(key.keyId(), key.publicKeyBase64())))),
        List.of(new HubConfig.Collection("c", null, null, List.of("*"), List.of("*"))));
    config.validate();
    store = JdbcHubStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 1, Clock.systemUTC());
    server = HubServer.start(config, store, Clock.systemUTC(), "127.0.0.1", 0,
        Map.of("KS_PASS", TestPki.PASS, "TS_PASS", TestPki.PASS)::get);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private URI apiRoot() {
    return URI.create("https://127.0.0.1:" + server.port() + "/forum/");
  }

  private TaxiiClient client(SSLContext tls) {
    return new TaxiiClient(apiRoot(), token, tls);
  }

  @Test
  void aMemberWithAPemCertificateAndKeyIsServed() throws Exception {
    SSLContext tls = ClientTls.context(pki.file("ca.pem"), pki.file("client.pem"), pki.file("client-key.pem"), new char[0]);
    assertThat(client(tls).objects("c", null, 10, true).objects()).isEmpty();
  }

  @Test
  void anEncryptedPemKeyAndPkcs12FilesWorkToo() throws Exception {
    SSLContext encrypted =
        ClientTls.context(pki.file("ca.pem"), pki.file("client.pem"), pki.file("client-key-encrypted.pem"), PASS);
    assertThat(client(encrypted).objects("c", null, 10, true).more()).isFalse();
    SSLContext p12 = ClientTls.context(pki.file("ca.p12"), pki.file("client.p12"), null, PASS);
    assertThat(client(p12).objects("c", null, 10, true).more()).isFalse();
    assertThatThrownBy(() -> ClientTls.context(pki.file("ca.pem"), pki.file("client.pem"),
        pki.file("client-key-encrypted.pem"), "wrong".toCharArray())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ClientTls.context(pki.file("ca.pem"), pki.file("client.pem"), null, PASS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--client-key");
  }

  @Test
  void withoutAClientCertificateTheHandshakeFails() throws Exception {
    SSLContext noCert = ClientTls.context(pki.file("ca.pem"), null, null, new char[0]);
    assertThatThrownBy(() -> client(noCert).objects("c", null, 10, true)).isInstanceOf(IOException.class);
  }

  @Test
  void aHubCertificateFromAnotherCaIsNotTrusted() throws Exception {
    SSLContext rogue = ClientTls.context(pki.file("rogue-ca.pem"), pki.file("client.pem"), pki.file("client-key.pem"),
        new char[0]);
    assertThatThrownBy(() -> client(rogue).objects("c", null, 10, true)).isInstanceOf(IOException.class);
  }

  @Test
  void thereIsNoPlainHttpOnThePort() {
    HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/taxii2/"))
        .header("Authorization", "Bearer " + token).GET().build();
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }
}
