package io.distillwatch.cli;

import io.distillwatch.hub.client.ClientTls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** TLS options of the commands that talk to a hub ({@code publish}, {@code pull}). */
final class HubTlsOptions {

  @Option(names = "--hub-ca", paramLabel = "FILE",
      description = "CA certificate(s) the hub's certificate must chain to: PEM or PKCS#12 (default: the JVM's trust store).")
  Path hubCa;

  @Option(names = "--client-cert", paramLabel = "FILE",
      description = "Client certificate for mutual TLS: a PEM certificate (chain) with --client-key, or a PKCS#12 bundle.")
  Path clientCert;

  @Option(names = "--client-key", paramLabel = "FILE",
      description = "PEM private key of a PEM --client-cert (PKCS#8 or traditional, optionally encrypted).")
  Path clientKey;

  @Option(names = "--tls-password-env", paramLabel = "NAME",
      description = "Environment variable holding the password of the PKCS#12 files or of an encrypted --client-key.")
  String passwordEnv;

  /** Resolves {@link #passwordEnv} (tests replace it). */
  Function<String, String> env = System::getenv;

  /**
   * The SSL context for {@code hub}, or null when no TLS option is given (the JVM's defaults apply).
   *
   * @throws IllegalArgumentException usage error: options that do not fit together, an http:// hub,
   *     an unset password variable
   * @throws IOException a certificate or key file is unreadable or the password is wrong
   */
  SSLContext context(URI hub) throws IOException {
    if (hubCa == null && clientCert == null && clientKey == null) {
      return null;
    }
    if (!"https".equalsIgnoreCase(hub.getScheme())) {
      throw new IllegalArgumentException("--hub-ca, --client-cert and --client-key need an https:// --hub");
    }
    char[] password = new char[0];
    if (passwordEnv != null) {
      String value = env.apply(passwordEnv);
      if (value == null) {
        throw new IllegalArgumentException("--tls-password-env names " + passwordEnv + ", which is not set");
      }
      password = value.toCharArray();
    }
    return ClientTls.context(hubCa, clientCert, clientKey, password);
  }
}
