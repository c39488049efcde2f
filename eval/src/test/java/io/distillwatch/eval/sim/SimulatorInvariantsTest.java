package io.distillwatch.eval.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.corpus.SourceSplit;
import io.distillwatch.eval.metrics.Truth;
import io.distillwatch.eval.net.NetworkPlan;
import io.distillwatch.util.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invariants of a small held-out simulation from the real pools (skipped without ../shared/data). */
class SimulatorInvariantsTest {
  static final long SEED = 20260302L;
  static final int DAYS = 7;

  @TempDir static Path dir;
  static PromptPools pools;
  static SimConfig cfg;
  static List<JsonNode> events = new ArrayList<>();
  static Map<String, JsonNode> accounts = new HashMap<>();
  static Truth truth;

  @BeforeAll
  static void simulate() throws IOException {
    Assumptions.assumeTrue(SharedData.locate().isPresent(), SharedData.missingMessage());
    Path data = SharedData.locate().get();
    cfg = new SimConfig(SEED, 0.15, DAYS, SourceSplit.defaults(SourceSplit.Side.HELDOUT));
    pools = PromptPools.load(data, cfg.split());
    new Simulator(cfg, pools, NetworkPlan.load(data.resolve("ipintel"))).run(dir);
    ObjectMapper m = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(dir.resolve(Simulator.EVENTS))), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        events.add(m.readTree(line));
      }
    }
    for (String line : Files.readAllLines(dir.resolve(Simulator.ACCOUNTS))) {
      JsonNode a = m.readTree(line);
      accounts.put(a.get("account").asText(), a);
    }
    truth = Truth.load(dir.resolve(Simulator.TRUTH));
  }

  static long ts(JsonNode e) {
    return Instant.parse(e.get("ts").asText()).toEpochMilli();
  }

  static String population(JsonNode e) {
    return truth.label(e.get("account").asText()).population();
  }

  @Test
  void everyAccountIsLabelledAndListedAndEveryCampaignIsPresent() {
    assertThat(events).hasSizeGreaterThan(10_000);
    for (JsonNode e : events) {
      String a = e.get("account").asText();
      assertThat(truth.label(a)).as("truth for %s", a).isNotNull();
      assertThat(accounts).containsKey(a);
    }
    assertThat(truth.accounts().keySet()).isEqualTo(accounts.keySet());
    assertThat(truth.campaigns()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
    assertThat(truth.benignPopulations())
        .containsExactlyInAnyOrder("human", "enterprise", "app_backend", "researcher", "eval_lab", "coding_agent");
    for (String c : truth.campaigns()) {
      assertThat(truth.firstRequest(c)).as("campaign %s first request", c).isNotNull();
    }
  }

  @Test
  void eventsAreInTimeOrderInsideThePeriodWithTheRequiredFields() {
    long prev = Long.MIN_VALUE;
    Set<String> ids = new HashSet<>();
    for (JsonNode e : events) {
      long t = ts(e);
      assertThat(t).isGreaterThanOrEqualTo(prev).isBetween(cfg.startMs(), cfg.endMs() - 1);
      prev = t;
      assertThat(ids.add(e.get("request_id").asText())).isTrue();
      for (String f : List.of("account", "model", "ip", "user_agent", "tls_fp", "messages", "params", "usage", "latency_ms")) {
        assertThat(e.has(f)).as("field %s in %s", f, e.get("request_id")).isTrue();
      }
    }
  }

  @Test
  void hydraAccountsSendFifteenToFortyRequestsPerActiveDay() {
    Map<String, List<Long>> byAccount = new HashMap<>();
    for (JsonNode e : events) {
      if ("a".equals(truth.label(e.get("account").asText()).campaign())) {
        byAccount.computeIfAbsent(e.get("account").asText(), k -> new ArrayList<>()).add(ts(e));
      }
    }
    assertThat(byAccount).hasSizeGreaterThan(10);
    double sum = 0;
    int n = 0;
    for (List<Long> t : byAccount.values()) {
      double days = (cfg.endMs() - t.get(0)) / (double) Parameters.DAY_MS;
      if (days >= 2) {
        double rate = t.size() / days;
        assertThat(rate).isBetween(8.0, 55.0);
        sum += rate;
        n++;
      }
    }
    assertThat(sum / n).isBetween(20.0, 35.0); // mean of uniform(15, 40) = 27.5
  }

  /** Mean requests per account per day from its first request to the end of the period, by population. */
  static Map<String, Double> dailyRates() {
    Map<String, long[]> firstAndCount = new HashMap<>();
    for (JsonNode e : events) {
      long[] a = firstAndCount.computeIfAbsent(e.get("account").asText(), k -> new long[] {ts(e), 0});
      a[1]++;
    }
    Map<String, double[]> sums = new HashMap<>();
    firstAndCount.forEach((acct, a) -> {
      double days = Math.max(1, (cfg.endMs() - a[0]) / (double) Parameters.DAY_MS);
      double[] s = sums.computeIfAbsent(truth.label(acct).population(), k -> new double[2]);
      s[0] += a[1] / days;
      s[1]++;
    });
    Map<String, Double> out = new HashMap<>();
    sums.forEach((p, s) -> out.put(p, s[0] / s[1]));
    return out;
  }

  @Test
  void populationVolumesMatchTheFrozenParameters() {
    Map<String, Double> rate = dailyRates();
    assertThat(rate.get("campaign_b_cot_rubric")).isBetween(300.0, 500.0); // 400/day
    assertThat(rate.get("campaign_c_reseller")).isBetween(400.0, 600.0); // 500/day
    assertThat(rate.get("campaign_d_heavy")).isBetween(2500.0, 3500.0); // 3,000/day
    assertThat(rate.get("campaign_e_slow_low")).isBetween(6.0, 12.0); // 6-12/day
    assertThat(rate.get("app_backend")).isBetween(400.0, 1500.0); // 400-1,500/day
    assertThat(rate.get("human")).isLessThan(5.0); // sessions of a few turns, under one a day
  }

  @Test
  void humansFollowADiurnalRhythmInTheirOwnTimeZone() {
    Map<String, Double> offsetOfIsp = new HashMap<>();
    NetworkPlan.RESIDENTIAL.forEach(i -> offsetOfIsp.put(i.org(), i.utcOffsetHours()));
    int[] byLocalHour = new int[24];
    int total = 0;
    for (JsonNode e : events) {
      Double off = offsetOfIsp.get(e.path("asn_org").asText());
      if (off != null && population(e).equals("human")) {
        long local = ts(e) + Math.round(off * Parameters.HOUR_MS);
        byLocalHour[(int) Math.floorMod(local / Parameters.HOUR_MS, 24)]++;
        total++;
      }
    }
    assertThat(total).isGreaterThan(500);
    int night = byLocalHour[2] + byLocalHour[3] + byLocalHour[4] + byLocalHour[5];
    int day = 0;
    for (int h = 10; h <= 21; h++) {
      day += byLocalHour[h];
    }
    assertThat(night / (double) total).as("share at 02-06 local").isLessThan(0.05);
    assertThat(day / (double) total).as("share at 10-22 local").isGreaterThan(0.55);
  }

  /** The user turns of a request, in order (text, or a tool result's content). */
  static List<String> userTurns(JsonNode e) {
    List<String> out = new ArrayList<>();
    for (JsonNode msg : e.get("messages")) {
      JsonNode c = msg.get("content");
      if (c.isArray()) {
        out.add(c.get(0).get("type").asText() + ":" + c.get(0).path("content").asText(c.get(0).path("name").asText()));
      } else {
        out.add(msg.get("role").asText() + ":" + c.asText());
      }
    }
    return out;
  }

  /**
   * Humans (now multi-turn on the held-out split too), coding agents and the reseller's genuine customers
   * resend conversations whose earlier turns were earlier requests of the account; the agent-trace
   * harvest (h) sends histories never seen before.
   */
  @Test
  void conversationsAreObservedExceptTheFabricatedTraces() {
    Map<String, Set<List<String>>> sent = new HashMap<>();
    Map<String, int[]> observedAndNot = new HashMap<>();
    for (JsonNode e : events) {
      String a = e.get("account").asText();
      List<String> turns = userTurns(e);
      Set<List<String>> mine = sent.computeIfAbsent(a, k -> new HashSet<>());
      if (turns.size() > 1) {
        // the request before this turn: everything up to the previous user-side message
        int cut = turns.size() - 2;
        while (cut > 0 && turns.get(cut).startsWith("assistant:") || cut > 0 && turns.get(cut).startsWith("tool_use:")) {
          cut--;
        }
        boolean observed = mine.contains(turns.subList(0, cut + 1));
        observedAndNot.computeIfAbsent(population(e), k -> new int[2])[observed ? 0 : 1]++;
      }
      mine.add(turns);
    }
    assertThat(observedAndNot.get("human")[0]).as("multi-turn human requests").isPositive();
    assertThat(observedAndNot.get("human")[1]).isZero();
    assertThat(observedAndNot.get("coding_agent")[1]).isZero();
    int[] h = observedAndNot.get("campaign_h_agent_trace");
    assertThat(h[0]).as("genuine customers' follow-ups").isPositive();
    assertThat(h[1]).as("fabricated histories (one request per harvest)").isGreaterThan((h[0] + h[1]) / 4);
  }

  @Test
  void evaluationLabsRunAtTemperatureZeroUnlessSamplingPassAtK() {
    int lab = 0;
    for (JsonNode e : events) {
      if (population(e).equals("eval_lab")) {
        lab++;
        JsonNode p = e.get("params");
        if (p.has("n")) {
          assertThat(p.get("n").asInt()).isGreaterThan(1);
        } else {
          assertThat(p.get("temperature").asDouble()).isZero();
        }
      }
    }
    assertThat(lab).isGreaterThan(0);
  }

  @Test
  void everyPromptComesFromTheHeldOutPoolsOrADocumentedWrapper() {
    Map<String, Set<String>> sourcesOfText = new HashMap<>();
    for (PromptRecord r : pools.allRecords()) {
      sourcesOfText.computeIfAbsent(r.text(), k -> new HashSet<>()).add(r.source());
    }
    for (JsonNode e : events) {
      if (e.has("system")) {
        assertThat(Wrappers.isKnownSystem(e.get("system").asText())).as("system of %s", e.get("request_id")).isTrue();
      }
      for (JsonNode msg : e.get("messages")) {
        JsonNode c = msg.get("content");
        if (c.isArray()) {
          for (JsonNode block : c) {
            if (block.get("type").asText().equals("tool_result")) {
              String text = block.get("content").asText();
              if (!text.equals(Wrappers.TOOL_RESULT_PLACEHOLDER) && !Wrappers.SHORT_TOOL_RESULTS.contains(text)) {
                String pool = sourcesOfText.containsKey(text) ? text : Wrappers.unwrap(text).orElse(null);
                assertThat(pool).as("tool result of %s not from the code pools", e.get("request_id")).isNotNull();
                assertThat(sourcesOfText.get(pool)).anyMatch(cfg.split()::includes);
              }
            } else {
              assertThat(block.get("type").asText()).isEqualTo("tool_use");
            }
          }
        } else if (msg.get("role").asText().equals("assistant")) {
          assertThat(c.asText()).isEqualTo(Wrappers.ASSISTANT_PLACEHOLDER);
        } else {
          String text = c.asText();
          String pool = sourcesOfText.containsKey(text) ? text : Wrappers.unwrap(text).orElse(null);
          assertThat(pool).as("prompt of %s not from the pools", e.get("request_id")).isNotNull();
          assertThat(sourcesOfText.get(pool)).as("sources of a prompt in %s", e.get("request_id"))
              .anyMatch(cfg.split()::includes);
        }
      }
    }
  }

  /** What each style (f)-(k) is defined by (docs/evaluation.md) is in its traffic. */
  @Test
  void newStylesLeaveTheirDefiningTraces() {
    Map<String, Set<String>> ipsOf = new HashMap<>();
    Map<String, Set<String>> accountsOfPrompt = new HashMap<>();
    Set<String> rotationPrefixes = new HashSet<>();
    int overLimit = 0;
    int purpose = 0;
    for (JsonNode e : events) {
      String pop = population(e);
      String a = e.get("account").asText();
      ipsOf.computeIfAbsent(pop, k -> new HashSet<>()).add(a + "|" + e.get("ip").asText());
      if (pop.equals("campaign_g_public_set")) {
        accountsOfPrompt.computeIfAbsent(e.at("/messages/0/content").asText(), k -> new HashSet<>()).add(a);
      }
      if (pop.equals("campaign_j_subnet_rotation")) {
        String ip = e.get("ip").asText();
        rotationPrefixes.add(ip.substring(0, ip.lastIndexOf('.')));
      }
      if (pop.equals("campaign_i_declared_purpose")) {
        purpose++;
        overLimit += e.at("/params/max_tokens").asInt() > Parameters.NEW_MODEL_MAX_OUTPUT ? 1 : 0;
        assertThat(e.has("asn")).isTrue();
        assertThat(Wrappers.DECLARED_PURPOSE_SYSTEM.contains(e.get("system").asText())
            || Wrappers.IMPERSONATION_SYSTEM.contains(e.get("system").asText())).isTrue();
      }
    }
    // (f): one unverified account on a disposable domain
    List<String> throwaway =
        truth.accounts().entrySet().stream().filter(x -> x.getValue().population().equals("campaign_f_throwaway"))
            .map(Map.Entry::getKey).toList();
    assertThat(throwaway).hasSize(1);
    assertThat(accounts.get(throwaway.get(0)).get("verified").asBoolean()).isFalse();
    assertThat(Domains.DISPOSABLE).contains(accounts.get(throwaway.get(0)).get("email_domain").asText());
    // (g): exact prompts recur across accounts that share no address
    assertThat(accountsOfPrompt.values().stream().filter(s -> s.size() > 1).count()).isPositive();
    Map<String, Set<String>> accountsOfIp = new HashMap<>();
    ipsOf.get("campaign_g_public_set").forEach(x -> accountsOfIp.computeIfAbsent(x.split("\\|")[1], k -> new HashSet<>())
        .add(x.split("\\|")[0]));
    assertThat(accountsOfIp.values()).allMatch(s -> s.size() == 1);
    // (i): every request over any model's output limit; (j): three /24s
    assertThat(purpose).isPositive();
    assertThat(overLimit).isEqualTo(purpose);
    assertThat(rotationPrefixes).hasSize(Parameters.ROTATION_SUBNETS);
  }
}
