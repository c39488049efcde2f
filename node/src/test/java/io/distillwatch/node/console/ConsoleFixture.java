package io.distillwatch.node.console;

import io.distillwatch.event.Signal;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.ConsoleStore;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A console over an embedded store seeded with a small campaign: a cluster of three accounts, one of
 * them with markup and script in its id, its prompts and its evidence (attacker-controlled text).
 */
public final class ConsoleFixture implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "correct horse battery staple";
  public static final String CLUSTER = "c-0123456789abcdef";
  public static final String HOSTILE = "acct-<img src=x onerror=\"window.__pwned=1\">";
  public static final String PLAIN = "acct-plain-1";
  public static final String THIRD = "acct-third";
  public static final String HOSTILE_PROMPT = "<script>window.__pwned=2</script> Solve step by step: 12+30";
  public static final long T0 = 1_764_000_000_000L;

  public final ConsoleServer server;
  public final String bootstrapOutput;

  private ConsoleFixture(ConsoleServer server, String bootstrapOutput) {
    this.server = server;
    this.bootstrapOutput = bootstrapOutput;
  }

  public static ConsoleFixture start(StoreConfig store, ConsoleSettings settings, String adminPassword) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleServer s = ConsoleServer.start("127.0.0.1", 0, store, settings, adminPassword, new PrintStream(out, true, StandardCharsets.UTF_8));
    return new ConsoleFixture(s, out.toString(StandardCharsets.UTF_8));
  }

  public static StoreConfig freshH2() throws Exception {
    return StoreConfig.embedded(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "console"));
  }

  public static ConsoleFixture seeded() throws Exception {
    ConsoleFixture f = start(freshH2(), ConsoleSettings.defaults(), ADMIN_PASSWORD);
    f.seed();
    return f;
  }

  public int port() {
    return server.port();
  }

  public void seed() {
    String member = "member of cluster " + CLUSTER + ": 3 accounts linked by payment_fp, ip_prefix; their combined 9,000 requests "
        + "since linking score 0.97 (distillation) on structure.template_concentration";
    List<VerdictChange> changes = new ArrayList<>();
    changes.add(change("account", HOSTILE, "distillation", 0.97, 1, List.of(
        new Signal("cluster.member", 0.97, 0.2, member),
        new Signal("structure.template_concentration", 0.93, 0.55, "93% of prompts share the skeleton \"<b>solve</b> {…} step by step\""),
        new Signal("elicitation.cot", 0.8, 0.3, "80% of prompts ask for step-by-step reasoning"),
        new Signal("damper.verified_org", 1, -0.1, "a verified organisation"))));
    changes.add(change("account", PLAIN, "suspicious", 0.61, 1, List.of(new Signal("volume.requests", 4000, 0.4, "4,000 requests in 24 h"))));
    changes.add(change("account", THIRD, "distillation", 0.9, 1, List.of(new Signal("cluster.member", 0.97, 0.5, member))));
    changes.add(change("cluster", CLUSTER, "distillation", 0.97, 1, List.of(
        new Signal("structure.template_concentration", 0.9, 0.6, "members share one template"))));
    synchronized (server.history()) {
      server.history().recordAll(changes, NodeStore.Kind.CHANGES);
    }
    ConsoleStore s = server.store();
    s.addMembers(CLUSTER, List.of(HOSTILE, PLAIN, THIRD));
    s.putClusterDetails(CLUSTER, "[{\"kind\":\"payment_fp\",\"count\":3,\"weight\":1.0,\"examples\":[\"<i>fp</i>\"]},"
        + "{\"kind\":\"ip_prefix\",\"count\":2,\"weight\":0.5,\"examples\":[]}]", "tf-<u>x</u>");
    List<ConsoleStore.Activity> activity = new ArrayList<>();
    for (int h = 0; h < 12; h++) {
      activity.add(new ConsoleStore.Activity(HOSTILE, T0 + h * 3_600_000L, 300 + 20 * h, 30_000, 90_000 + 1000 * h, 1 + h % 2, "m-<b>1</b>"));
    }
    s.putActivity(activity);
    s.putExamples(List.of(
        new ConsoleStore.Example(HOSTILE, "structure.template_concentration", 0, HOSTILE_PROMPT, T0),
        new ConsoleStore.Example(HOSTILE, "elicitation.cot", 0, HOSTILE_PROMPT, T0)));
  }

  private static VerdictChange change(String kind, String id, String to, double score, long seq, List<Signal> signals) {
    return new VerdictChange(kind, id, "benign", to, score, T0 + 3_600_000L * seq, VerdictChange.signalsJson(signals), seq);
  }

  @Override
  public void close() {
    server.close();
  }
}
