package io.distillwatch.cli;

import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.server.HubServer;
import io.distillwatch.hub.store.JdbcHubStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch hub}: the forum's TAXII 2.1 server. Runs until interrupted. */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description = {
      "Run the forum hub: a TAXII 2.1 server for signed STIX 2.1 objects (see docs/hub.md).",
      "Exit codes: 0 stopped, 2 usage error (invalid config), 3 config or store unreadable."
    })
public final class HubCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "hub.json")
  Path config;

  @Option(names = "--port", description = "Override listen.port (0: any free port).")
  Integer port;

  /** Counted down once the server listens (tests). */
  final CountDownLatch started = new CountDownLatch(1);

  /** Counted down to stop the server (tests); Ctrl-C also stops it. */
  final CountDownLatch stop = new CountDownLatch(1);

  volatile int boundPort;

  /** Resolves the config's {@code *_password_env} names (tests replace it). */
  java.util.function.Function<String, String> env = System::getenv;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(config)) {
      System.err.println("distillwatch hub: cannot read " + config);
      return ExitCodes.INPUT_UNREADABLE;
    }
    HubConfig cfg;
    try {
      cfg = HubConfig.load(config);
      cfg.requireEnvironment(env);
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch hub: invalid config: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("distillwatch hub: invalid config: " + firstLine(e.getMessage()));
      return ExitCodes.USAGE;
    }
    String url = cfg.store() != null && cfg.store().url() != null ? cfg.store().url() : "jdbc:h2:file:./hub-data/hub";
    String user = cfg.store() != null && cfg.store().user() != null ? cfg.store().user() : "sa";
    String passwordEnv = cfg.store() == null ? null : cfg.store().passwordEnv();
    String password = passwordEnv == null ? "" : env.apply(passwordEnv);
    String host = cfg.listen() != null && cfg.listen().host() != null ? cfg.listen().host() : "127.0.0.1";
    int listenPort = port != null ? port : cfg.listen() != null && cfg.listen().port() != null ? cfg.listen().port() : 9440;
    JdbcHubStore store;
    try {
      store = JdbcHubStore.open(url, user, password, 8, Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("distillwatch hub: cannot open store " + url.replaceAll("password=[^;&]*", "password=…"));
      return ExitCodes.INPUT_UNREADABLE;
    }
    HubServer server;
    try {
      server = HubServer.start(cfg, store, Clock.systemUTC(), host, listenPort, env);
    } catch (RuntimeException e) {
      // e.g. the port is taken, or the TLS keystore is unreadable or its password wrong
      System.err.println("distillwatch hub: cannot start on " + host + ":" + listenPort + ": " + firstLine(e.getMessage()));
      store.close();
      return ExitCodes.INPUT_UNREADABLE;
    }
    try (store; server) {
      boundPort = server.port();
      String scheme = cfg.tls() != null ? "https" : "http";
      System.out.println("distillwatch hub: TAXII 2.1 on " + scheme + "://" + host + ":" + server.port() + "/taxii2/"
          + " (api root /" + cfg.apiRootOrDefault() + "/)");
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      started.countDown();
      stop.await();
    }
    return ExitCodes.OK;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
