package io.distillwatch.flink.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.sample.SampleTraffic;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanOutput;
import io.distillwatch.scan.ScanRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole scan on a shared embedded Flink cluster at parallelism 2. */
class ScanJobIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @AfterEach
  void dropCachedSideData() {
    ScanContextLoader.clear();
  }

  @Test
  void everyRecordIsAccountedForAndRejectionsNameFileAndLine() throws Exception {
    Path in = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(in.resolve("a.jsonl"), String.join("\n",
        event("r1", "acct-1", "hello there"),
        "{\"ts\": \"2026-03-01T10:00:00Z\", \"account\": \"acct-1\", \"prompt\": \"cut",
        event("r2", "acct-2", "what is a monad"),
        event("r1", "acct-1", "hello there"),
        "",
        "[1, 2, 3]",
        event("r3", "acct-1", "and another thing")) + "\n");
    gzip(in.resolve("b.jsonl.gz"), String.join("\n",
        event("r4", "acct-3", "plan a trip"),
        "not json",
        event("r5", "acct-2", "explain it again")) + "\n");

    ScanRequest request = request(List.of(in.toString()));
    new ScanRunner(request).withEnvironment(ScanJobIT::env).run();

    JsonNode summary = ScanOutput.json().readTree(dir.resolve("out/summary.json").toFile());
    assertThat(summary.get("records").asLong()).isEqualTo(9);
    assertThat(summary.get("accepted").asLong()).isEqualTo(5);
    assertThat(summary.get("rejected").asLong()).isEqualTo(3);
    assertThat(summary.get("duplicates").asLong()).isEqualTo(1);
    assertThat(summary.get("accounts").asLong()).isEqualTo(3);

    List<JsonNode> rejected = lines(dir.resolve("out/rejected.jsonl"));
    Map<String, Long> lineByFile = new HashMap<>();
    for (JsonNode r : rejected) {
      lineByFile.merge(Path.of(r.get("file").asText()).getFileName() + ":" + r.get("line").asLong(), 1L, Long::sum);
      assertThat(r.get("reason").asText()).isIn("invalid_json", "not_an_object");
    }
    assertThat(lineByFile).containsOnlyKeys("a.jsonl:2", "a.jsonl:6", "b.jsonl.gz:2");

    Map<String, Long> eventsByAccount = new HashMap<>();
    for (JsonNode a : lines(dir.resolve("out/accounts.jsonl"))) {
      eventsByAccount.put(a.get("account").asText(), a.get("events").asLong());
    }
    assertThat(eventsByAccount).containsExactlyInAnyOrderEntriesOf(Map.of("acct-1", 2L, "acct-2", 2L, "acct-3", 1L));
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("Rejected lines (3)");
  }

  @Test
  void parallelismOneAndTwoGiveIdenticalVerdicts() throws Exception {
    Path sample = dir.resolve("sample");
    new SampleTraffic(11).write(sample);

    List<String> outputs = new ArrayList<>();
    for (int parallelism : new int[] {1, 2}) {
      ScanRequest request = request(List.of(sample.resolve("events.jsonl.gz").toString()));
      request.accounts = sample.resolve("accounts.jsonl").toString();
      request.models = sample.resolve("models.jsonl").toString();
      request.parallelism = parallelism;
      request.out = dir.resolve("out-" + parallelism).toString();
      new ScanRunner(request).withEnvironment(ScanJobIT::env).run();
      outputs.add(Files.readString(Path.of(request.out, ScanOutput.ACCOUNTS)));
    }
    assertThat(outputs.get(0)).isNotEmpty().isEqualTo(outputs.get(1));
  }

  @Test
  void aClusterIsJudgedWithItsMembersAccountRecords() throws Exception {
    // Two accounts on one card, both signed up with a throw-away address: the cluster's combined
    // traffic is judged with the cluster profile built from their records (it reaches the cluster
    // stage as its own record, before the cluster's events).
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      for (String account : List.of("acct-a", "acct-b")) {
        events.append("{\"ts\": \"2026-03-01T10:").append(String.format("%02d", i)).append(":0")
            .append(account.endsWith("a") ? "1" : "2").append("Z\", \"request_id\": \"").append(account).append('-')
            .append(i).append("\", \"account\": \"").append(account)
            .append("\", \"payment_fp\": \"pm-shared\", \"prompt\": \"tell me about topic ").append(i)
            .append("\"}\n");
      }
    }
    events.append("{\"ts\": \"2026-03-01T11:00:00Z\", \"request_id\": \"c-1\", \"account\": \"acct-c\", \"prompt\": \"hi\"}\n");
    Path in = dir.resolve("events.jsonl");
    Files.writeString(in, events.toString());
    Path accounts = dir.resolve("accounts.jsonl");
    Files.writeString(accounts, String.join("\n",
        "{\"account\": \"acct-a\", \"created_at\": \"2026-02-28T09:00:00Z\", \"email_domain\": \"guerrillamail.com\"}",
        "{\"account\": \"acct-b\", \"created_at\": \"2026-02-28T09:30:00Z\", \"email_domain\": \"guerrillamail.com\"}") + "\n");
    ScanRequest request = request(List.of(in.toString()));
    request.accounts = accounts.toString();

    ScanRunner.Result result = new ScanRunner(request).withEnvironment(ScanJobIT::env).run();

    assertThat(result.clusters()).singleElement().satisfies(c -> {
      assertThat(c.accounts).containsExactly("acct-a", "acct-b");
      assertThat(c.events).isEqualTo(24);
      assertThat(c.signals).extracting(sig -> sig.id).contains("account.disposable_email");
    });
  }

  private ScanRequest request(List<String> events) {
    ScanRequest r = new ScanRequest();
    r.events = events;
    r.out = dir.resolve("out").toString();
    return r;
  }

  private static StreamExecutionEnvironment env() {
    return StreamExecutionEnvironment.getExecutionEnvironment();
  }

  private static String event(String requestId, String account, String prompt) {
    return "{\"ts\": \"2026-03-01T10:00:0" + requestId.charAt(1) + "Z\", \"request_id\": \"" + requestId
        + "\", \"account\": \"" + account + "\", \"prompt\": \"" + prompt + "\"}";
  }

  private static void gzip(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(ScanOutput.json().readTree(line));
    }
    return nodes;
  }

  @Test
  void allowlistCapsAFlaggedAccountAndRedactLeavesNoAddressOrPromptText() throws Exception {
    Path sample = dir.resolve("sample");
    new SampleTraffic(5).write(sample);
    Path allow = dir.resolve("allow.jsonl");
    Files.writeString(allow, "{\"account\": \"acct-harvest-1\", \"reason\": \"contracted evaluator\"}\n");
    Files.writeString(sample.resolve("broken.jsonl"),
        "{\"ts\": \"2026-03-01T10:00:00Z\", \"ip\": \"198.51.100.23\", \"prompt\": \"my private question about cats\"\n");

    ScanRequest request = request(List.of(sample.resolve("events.jsonl.gz").toString(),
        sample.resolve("broken.jsonl").toString()));
    request.accounts = sample.resolve("accounts.jsonl").toString();
    request.models = sample.resolve("models.jsonl").toString();
    request.allowlist = allow.toString();
    request.redact = true;
    new ScanRunner(request).withEnvironment(ScanJobIT::env).run();

    Map<String, JsonNode> byAccount = new HashMap<>();
    for (JsonNode a : lines(dir.resolve("out/accounts.jsonl"))) {
      byAccount.put(a.get("account").asText(), a);
    }
    JsonNode capped = byAccount.get("acct-harvest-1");
    assertThat(capped.get("verdict").asText()).isEqualTo("suspicious");
    assertThat(capped.get("signals").toString()).contains("allowlist.exempt", "contracted evaluator");
    assertThat(byAccount.get("acct-harvest-2").get("verdict").asText()).isEqualTo("distillation");

    for (String file : List.of("accounts.jsonl", "clusters.jsonl", "rejected.jsonl", "report.html")) {
      String text = Files.readString(dir.resolve("out").resolve(file));
      assertThat(text).as(file).doesNotContain("198.51.100.23", "203.0.113.150", "my private question");
    }
    assertThat(Files.readString(dir.resolve("out/rejected.jsonl"))).contains("198.51.100.0/24");
  }
}
