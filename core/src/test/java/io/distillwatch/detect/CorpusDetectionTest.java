package io.distillwatch.detect;

import static io.distillwatch.detect.Traffic.HOUR;
import static io.distillwatch.detect.Traffic.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import io.distillwatch.testing.SharedDataTests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 item 6: scripted traffic built from the real prompt pools (tuning split of DESIGN §7 only).
 * A harvest from the attack pool must be flagged {@code distillation}; real users (also behind a
 * privacy relay, and a researcher asking for logprobs), benchmark runs and an app backend must not. Skips when ../shared/data is absent.
 *
 * <p>Wrappers added here (documented in docs/signals.md): a chain-of-thought request around attack
 * prompts; the standard lm-evaluation-harness "Question: … Answer:" layout around GSM8K questions
 * (MMLU-Redux and the BBH harness requests already carry their benchmark layouts).
 */
class CorpusDetectionTest {
  private static final String CHAT_UA = "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Safari/605.1.15";
  private static final Map<String, ModelInfo> MODELS =
      Map.of("frontier-1", new ModelInfo("frontier-1", T0 - 200 * 24 * HOUR, 8192));

  record Rec(String source, String text, String conv, int turn) {}

  private static List<Rec> attack;
  private static List<Rec> benign;
  private static List<Rec> hardNegative;
  private static List<Rec> harness;

  @BeforeAll
  static void load() throws IOException {
    Path corpus = SharedDataTests.require("corpus");
    attack = read(corpus.resolve("attack.jsonl.gz"),
        s -> s.equals("gpteacher_codegen") || s.equals("gpteacher_roleplay"));
    benign = read(corpus.resolve("benign.jsonl.gz"),
        s -> s.equals("hh_rlhf_harmless_base_test") || s.equals("arena_hard_v0.1")
            || s.equals("awesome_chatgpt_prompts") || s.equals("sharegpt_sample"));
    hardNegative = read(corpus.resolve("hard_negative.jsonl.gz"),
        s -> s.equals("gsm8k_test") || s.startsWith("mmlu_redux"));
    harness = read(corpus.resolve("harness_requests.jsonl.gz"),
        s -> s.startsWith("bbh_codex_cot") || s.startsWith("bbh_codex_direct"));
  }

  private static List<Rec> read(Path file, Predicate<String> source) throws IOException {
    ObjectMapper om = new ObjectMapper();
    List<Rec> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = om.readTree(line);
        String src = n.path("source").asText();
        if (source.test(src)) {
          String text = n.path("text").asText();
          out.add(new Rec(src, text.length() > UsageEvent.MAX_TEXT_CHARS
              ? text.substring(0, UsageEvent.MAX_TEXT_CHARS) : text,
              n.hasNonNull("conv_id") ? n.get("conv_id").asText() : null, n.path("turn").asInt(0)));
        }
      }
    }
    return out;
  }

  private static Detector detector() {
    return new Detector(new DetectionContext(DetectionConfig.defaults(), Map.of(), MODELS, Traffic.INTEL));
  }

  private static UsageEvent event(String account, long ts, String text) {
    UsageEvent e = Traffic.event(account, ts, text);
    e.model = "frontier-1";
    return e;
  }

  private static Assessment run(Detector d, List<UsageEvent> events, Map<String, String> report) {
    AccountState s = d.newState(events.get(0).account);
    Assessment max = new Assessment(0, Verdict.BENIGN);
    for (UsageEvent e : events) {
      d.update(s, e);
      Assessment a = d.assess(s);
      if (a.score() > max.score()) {
        max = a;
      }
    }
    StringBuilder b = new StringBuilder(String.format("%s %.3f max %.3f:", s.account(), d.assess(s).score(),
        max.score()));
    for (Signal sig : d.explain(s)) {
      b.append(String.format("%n  %-36s %+.3f  %s", sig.id, sig.contribution, sig.evidence));
    }
    report.put(s.account(), b.toString());
    return max;
  }

  private static List<Rec> sample(List<Rec> pool, int n, Random r) {
    List<Rec> copy = new ArrayList<>(pool);
    Collections.shuffle(copy, r);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  // ---- scenarios -------------------------------------------------------------------------------

  /** Scripted harvest: CoT wrapper, datacenter IPs, jittered fixed pacing, single-turn, max tokens. */
  static List<UsageEvent> harvest(String account, List<Rec> prompts, Random r, boolean wrapperInSystem) {
    List<UsageEvent> out = new ArrayList<>();
    long t = T0 + r.nextInt(3_600_000);
    for (Rec p : prompts) {
      t += 35_000 + r.nextInt(10_000);
      UsageEvent e =
          event(account, t, wrapperInSystem ? p.text()
              : "Answer the following request. Think step by step and explain your reasoning in detail before"
                  + " giving the final answer.\n\n" + p.text());
      if (wrapperInSystem) {
        e.system = "You are an expert. Always articulate your internal reasoning step by step before the answer.";
        e.reasoningEffort = "high";
      }
      e.ip = "203.0.113." + r.nextInt(250);
      e.maxTokens = 8192;
      e.temperature = 1.0;
      e.inputTokens = 40L + p.text().length() / 4;
      e.outputTokens = 1500L + r.nextInt(3000);
      e.latencyMs = 20_000L + r.nextInt(20_000);
      e.userAgent = "python-httpx/0.27.2";
      out.add(e);
    }
    return out;
  }

  /** A person: sessions in waking hours (Poisson within), residential IP, conversations where given. */
  static List<UsageEvent> person(String account, List<Rec> prompts, Random r) {
    List<UsageEvent> out = new ArrayList<>();
    long day = T0;
    long t = day + (8 + r.nextInt(4)) * HOUR;
    int inSession = 0;
    for (Rec p : prompts) {
      if (inSession > 3 + r.nextInt(10)) {
        t += (long) (1 + r.nextInt(5)) * HOUR;
        inSession = 0;
      }
      long hourOfDay = ((t - T0) / HOUR) % 24;
      if (hourOfDay >= 23 || hourOfDay < 7) {
        day += 24 * HOUR;
        t = day + (8 + r.nextInt(3)) * HOUR;
      }
      t += (long) (-Math.log(1 - r.nextDouble()) * 90_000);
      inSession++;
      UsageEvent e = event(account, t, p.text());
      e.userTurns = p.turn() + 1;
      e.assistantTurns = p.turn();
      e.ip = "198.51.100." + (7 + r.nextInt(2));
      e.temperature = 1.0;
      e.inputTokens = 20L + p.text().length() / 4 + p.turn() * 400L;
      e.outputTokens = 200L + r.nextInt(900);
      e.latencyMs = 3000L + r.nextInt(15_000);
      e.userAgent = CHAT_UA;
      out.add(e);
    }
    return out;
  }

  /** A benchmark run from cloud IPs: temperature 0, concurrent workers, back-to-back requests. */
  static List<UsageEvent> benchmarkRun(String account, List<String> prompts, Random r) {
    List<UsageEvent> out = new ArrayList<>();
    long t = T0 + 10 * HOUR;
    for (String p : prompts) {
      t += 800 + r.nextInt(600);
      UsageEvent e = event(account, t, p);
      e.ip = "198.18.0." + (10 + r.nextInt(4));
      e.temperature = 0.0;
      e.maxTokens = 1024;
      e.inputTokens = 60L + p.length() / 4;
      e.outputTokens = 5L + r.nextInt(400);
      e.latencyMs = 2000L + r.nextInt(6000);
      e.userAgent = "lm-eval-harness python-requests/2.31";
      out.add(e);
    }
    return out;
  }

  /** An app backend relaying its users' varied prompts under one system prompt, 24/7, from the cloud. */
  static List<UsageEvent> appBackend(String account, List<Rec> prompts, Random r) {
    List<UsageEvent> out = new ArrayList<>();
    long t = T0;
    for (Rec p : prompts) {
      t += (long) (-Math.log(1 - r.nextDouble()) * 60_000);
      UsageEvent e = event(account, t, p.text());
      e.system = "You are Ada, the friendly assistant of Example Shop. Be concise and polite, never give"
          + " legal or medical advice, and suggest our products when relevant.";
      e.userTurns = p.turn() + 1;
      e.assistantTurns = p.turn();
      e.ip = "198.18.0." + (50 + r.nextInt(3));
      e.temperature = 0.7;
      e.maxTokens = 1024;
      e.inputTokens = 150L + p.text().length() / 4;
      e.outputTokens = 100L + r.nextInt(700);
      e.latencyMs = 2000L + r.nextInt(10_000);
      e.userAgent = "openai-node/4.52.0";
      out.add(e);
    }
    return out;
  }

  // ---- assertions ------------------------------------------------------------------------------

  @Test
  void harvestIsFlaggedAndHardNegativesAreNot() {
    Random r = new Random(20260302L);
    Detector d = detector();
    Map<String, String> report = new LinkedHashMap<>();

    Map<String, Assessment> attacks = new LinkedHashMap<>();
    attacks.put("harvest-cot-wrapper", run(d, harvest("harvest-cot-wrapper", sample(attack, 2000, r), r, false), report));
    attacks.put("harvest-cot-system", run(d, harvest("harvest-cot-system", sample(attack, 2000, r), r, true), report));

    Map<String, Assessment> negatives = new LinkedHashMap<>();
    // people: sharegpt conversations keep their turn order; the others are first turns
    List<Rec> share = benign.stream().filter(x -> x.source().equals("sharegpt_sample")).toList();
    List<Rec> arena = benign.stream().filter(x -> x.source().equals("arena_hard_v0.1")).toList();
    List<Rec> hh = benign.stream().filter(x -> x.source().equals("hh_rlhf_harmless_base_test")).toList();
    List<Rec> power = benign.stream().filter(x -> x.source().equals("awesome_chatgpt_prompts")).toList();
    for (int u = 0; u < 3; u++) {
      negatives.put("user-sharegpt-" + u, run(d, person("user-sharegpt-" + u, share.subList(u * 400, u * 400 + 400), r), report));
    }
    negatives.put("user-arena", run(d, person("user-arena", sample(arena, 300, r), r), report));
    negatives.put("user-hh", run(d, person("user-hh", sample(hh, 300, r), r), report));
    negatives.put("user-power", run(d, person("user-power", sample(power, 600, r), r), report));
    // a person behind a privacy relay
    List<UsageEvent> relayed = person("user-relay", sample(hh, 300, r), r);
    relayed.forEach(e -> e.ip = "100.64.1." + r.nextInt(250));
    negatives.put("user-relay", run(d, relayed, report));
    // a researcher probing calibration: logprobs at temperature 0 on hard prompts, in working hours
    List<UsageEvent> research = person("user-research", sample(arena, 500, r), r);
    research.forEach(e -> {
      e.logprobs = true;
      e.topLogprobs = 5;
      e.temperature = 0.0;
      e.userAgent = "python-requests/2.31";
      e.tlsFp = null;
    });
    negatives.put("user-research", run(d, research, report));

    // benchmark runs
    List<String> mmlu = hardNegative.stream().filter(x -> x.source().startsWith("mmlu_redux")).map(Rec::text).toList();
    negatives.put("bench-mmlu", run(d, benchmarkRun("bench-mmlu", mmlu, r), report));
    List<String> gsm = hardNegative.stream().filter(x -> x.source().equals("gsm8k_test"))
        .map(x -> "Question: " + x.text() + "\nAnswer:").toList();
    negatives.put("bench-gsm8k", run(d, benchmarkRun("bench-gsm8k", gsm, r), report));
    List<String> gsmCot = hardNegative.stream().filter(x -> x.source().equals("gsm8k_test"))
        .map(x -> "Q: " + x.text() + "\nA: Let's think step by step.").toList();
    negatives.put("bench-gsm8k-cot", run(d, benchmarkRun("bench-gsm8k-cot", gsmCot, r), report));
    List<String> bbhCot = harness.stream().filter(x -> x.source().startsWith("bbh_codex_cot")).map(Rec::text).toList();
    negatives.put("bench-bbh-cot", run(d, benchmarkRun("bench-bbh-cot", bbhCot, r), report));
    List<String> bbhDirect = harness.stream().filter(x -> x.source().startsWith("bbh_codex_direct")).map(Rec::text).toList();
    negatives.put("bench-bbh-direct", run(d, benchmarkRun("bench-bbh-direct", bbhDirect, r), report));

    // app backend relaying its users
    List<Rec> relay = new ArrayList<>(hh);
    relay.addAll(arena);
    relay.addAll(share);
    Collections.shuffle(relay, r);
    negatives.put("app-backend", run(d, appBackend("app-backend", relay.subList(0, 3000), r), report));

    String all = String.join("\n", report.values());
    System.out.println(all);
    attacks.forEach((k, v) -> assertThat(v.verdict()).as("%s%n%s", k, all).isEqualTo(Verdict.DISTILLATION));
    negatives.forEach((k, v) -> assertThat(v.verdict()).as("%s%n%s", k, all).isNotEqualTo(Verdict.DISTILLATION));
  }
}
