package io.distillwatch.node.psi;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.flink.stream.OrderProbeRules;
import io.distillwatch.node.Node;
import io.distillwatch.node.NodeConfig;
import io.distillwatch.sharing.psi.BlindingKey;
import io.distillwatch.sharing.psi.PsiInitiator;
import io.distillwatch.sharing.psi.PsiItem;
import io.distillwatch.sharing.psi.PsiMode;
import io.distillwatch.sharing.psi.PsiPeers;
import io.distillwatch.sharing.psi.PsiPolicy;
import io.distillwatch.sharing.psi.PsiResult;
import io.distillwatch.sharing.psi.PsiSet;
import io.distillwatch.sharing.psi.PsiWorkers;
import io.distillwatch.sharing.sign.NodeKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded node with {@code psi.config} set answers PSI next to its usual API. */
class NodePsiIT {

  @TempDir Path dir;

  @Test
  void aNodeWithPsiConfigAnswersPsiSessionsAndKeepsItsApi() throws Exception {
    NodeKey a = NodeKey.generate("provider-a");
    NodeKey b = NodeKey.generate("provider-b");
    b.save(dir.resolve("b.key"));
    Files.writeString(dir.resolve("members.json"), "[" + a.memberEntry() + "]");
    List<String> setB = new ArrayList<>();
    List<PsiItem> itemsA = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      setB.add("b-customer-" + i);
      itemsA.add(PsiItem.of("account", (i < 12 ? "b-customer-" : "a-customer-") + i));
    }
    Files.write(dir.resolve("b.set"), setB);
    Files.writeString(dir.resolve("psi.json"),
        "{\"set\":\"b.set\",\"kind\":\"account\",\"key\":\"b.key\",\"members\":\"members.json\",\"threads\":1}");
    NodeConfig config = NodeConfig.of(Map.of("data.dir", dir.resolve("node").toString(), "http.port", "0",
        "psi.config", dir.resolve("psi.json").toString()));
    Files.writeString(dir.resolve("members-a.json"), "[" + b.memberEntry() + "]");

    try (Node node = Node.start(config, new OrderProbeRules(3)); PsiWorkers workers = new PsiWorkers("psi-client", 1)) {
      URI base = URI.create("http://127.0.0.1:" + node.httpPort() + "/");
      PsiResult result = new PsiHttpClient(base, a.signingKey(), PsiPeers.read(dir.resolve("members-a.json")), "provider-b", null)
          .run(new PsiInitiator(PsiMode.COUNT, PsiSet.of(itemsA, workers), BlindingKey.fresh(), PsiPolicy.DEFAULTS, workers));
      assertThat(result.count()).isEqualTo(12);
      HttpResponse<String> health = HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).isEqualTo("ok");
    }
    assertThat(Files.readString(dir.resolve("node/psi-matches.jsonl"))).contains("\"type\":\"psi.count\"", "\"count\":12");
  }
}
