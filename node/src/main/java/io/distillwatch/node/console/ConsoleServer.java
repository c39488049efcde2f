package io.distillwatch.node.console;

import io.distillwatch.node.http.NodeHttp;
import io.distillwatch.node.metrics.NodeMetrics;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import java.io.PrintStream;

/**
 * The console (and the node's HTTP API) over a store, without a detection job: what {@code demo --serve}
 * runs over a loaded scan, and what the console's tests start. {@code /readyz} reports the job as
 * {@value #JOB_STATE} (so not ready: there is no job).
 */
public final class ConsoleServer implements AutoCloseable {
  public static final String JOB_STATE = "NO_JOB";
  private final NodeStore history;
  private final ConsoleStore store;
  private final NodeHttp http;

  private ConsoleServer(NodeStore history, ConsoleStore store, NodeHttp http) {
    this.history = history;
    this.store = store;
    this.http = http;
  }

  /** Migrates the store, creates the first admin if needed (see {@link ConsoleWeb#bootstrapAdmin}) and serves. */
  public static ConsoleServer start(String host, int port, StoreConfig config, ConsoleSettings settings, String adminPassword, PrintStream out) {
    NodeStore.migrate(config);
    NodeStore history = NodeStore.connect(config);
    ConsoleStore store = ConsoleStore.connect(config, 4);
    ConsoleWeb.bootstrapAdmin(store, adminPassword, out);
    NodeHttp http = NodeHttp.start(host, port, () -> JOB_STATE, history, NodeMetrics.jvm(), new ConsoleWeb(store, history, settings));
    return new ConsoleServer(history, store, http);
  }

  public int port() {
    return http.port();
  }

  public ConsoleStore store() {
    return store;
  }

  public NodeStore history() {
    return history;
  }

  @Override
  public void close() {
    http.close();
    store.close();
    synchronized (history) {
      history.close();
    }
  }
}
