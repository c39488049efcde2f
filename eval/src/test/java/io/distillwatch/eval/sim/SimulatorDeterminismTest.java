package io.distillwatch.eval.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.metrics.Truth;
import io.distillwatch.eval.corpus.SourceSplit;
import io.distillwatch.eval.net.NetworkPlan;
import io.distillwatch.util.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes; another seed, other traffic (skipped without ../shared/data). */
class SimulatorDeterminismTest {
  @TempDir Path dir;

  @Test
  void sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    Assumptions.assumeTrue(SharedData.locate().isPresent(), SharedData.missingMessage());
    Path data = SharedData.locate().get();
    SourceSplit split = SourceSplit.defaults(SourceSplit.Side.TUNING);
    PromptPools pools = PromptPools.load(data, split);
    NetworkPlan net = NetworkPlan.load(data.resolve("ipintel"));
    new Simulator(new SimConfig(11, 0.05, 3, split), pools, net).run(dir.resolve("one"));
    // fresh loads: nothing may depend on object identity or load order
    new Simulator(new SimConfig(11, 0.05, 3, split), PromptPools.load(data, split), NetworkPlan.load(data.resolve("ipintel")))
        .run(dir.resolve("two"));
    new Simulator(new SimConfig(12, 0.05, 3, split), pools, net).run(dir.resolve("three"));
    for (String f : List.of(Simulator.EVENTS, Simulator.ACCOUNTS, Simulator.MODELS, Simulator.TRUTH, Simulator.STATS)) {
      assertThat(Files.readAllBytes(dir.resolve("two").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
    }
    assertThat(Files.readAllBytes(dir.resolve("three").resolve(Simulator.EVENTS)))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("one").resolve(Simulator.EVENTS)));
    humansReplayConversationTurnsInOrder(pools, dir.resolve("one"));
  }

  /** On the tuning split, a human's follow-up carries turns 0..k of one conversation (recorded or chained). */
  private static void humansReplayConversationTurnsInOrder(PromptPools pools, Path run) throws IOException {
    Map<String, List<String>> convs = new HashMap<>();
    Map<String, List<String>> convsOfText = new HashMap<>();
    for (List<PromptRecord> c : pools.benignSessions(Parameters.SESSION_TURNS)) {
      if (c.size() > 1) {
        String id = c.get(0).source() + ":" + c.get(0).id();
        convs.put(id, c.stream().map(PromptRecord::text).toList());
        convsOfText.computeIfAbsent(c.get(0).text(), k -> new ArrayList<>()).add(id);
      }
    }
    Truth truth = Truth.load(run.resolve(Simulator.TRUTH));
    ObjectMapper m = new ObjectMapper();
    int followUps = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(run.resolve(Simulator.EVENTS))), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode e = m.readTree(line);
        if (!truth.label(e.get("account").asText()).population().equals("human") || e.get("messages").size() < 2) {
          continue;
        }
        List<String> users = new ArrayList<>();
        e.get("messages").forEach(msg -> {
          if (msg.get("role").asText().equals("user")) {
            users.add(msg.get("content").asText());
          }
        });
        boolean prefixOfSome = convsOfText.getOrDefault(users.get(0), List.of()).stream()
            .map(convs::get)
            .anyMatch(c -> c.size() >= users.size() && c.subList(0, users.size()).equals(users));
        assertThat(prefixOfSome).as("follow-up %s replays one conversation in order", e.get("request_id")).isTrue();
        followUps++;
      }
    }
    assertThat(followUps).isPositive();
  }
}
