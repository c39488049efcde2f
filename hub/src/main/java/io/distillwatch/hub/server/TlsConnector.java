package io.distillwatch.hub.server;

import io.distillwatch.hub.config.HubConfig;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** A Jetty HTTPS connector (TLS 1.2+), optionally requiring client certificates (mutual TLS). */
final class TlsConnector {

  private TlsConnector() {}

  static ServerConnector create(Server server, HttpConfiguration http, HubConfig.Tls tls,
      Function<String, String> env, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(password(env, tls.keystorePasswordEnv()));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    if (tls.truststore() != null) {
      ssl.setTrustStorePath(tls.truststore());
      ssl.setTrustStoreType("PKCS12");
      ssl.setTrustStorePassword(password(env, tls.truststorePasswordEnv()));
    }
    ssl.setNeedClientAuth(tls.mutual());
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false); // members may reach the hub by IP or an internal name
    https.addCustomizer(customizer);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static String password(Function<String, String> env, String name) {
    String value = name == null ? null : env.apply(name);
    return value == null ? "" : value;
  }
}
