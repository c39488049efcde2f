package io.distillwatch.detect;

import static io.distillwatch.detect.Traffic.DAY;
import static io.distillwatch.detect.Traffic.HOUR;
import static io.distillwatch.detect.Traffic.MIN;
import static io.distillwatch.detect.Traffic.T0;
import static io.distillwatch.detect.Traffic.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ipintel.IpIntel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each signal: a sequence where it fires with checkable evidence, and one where it stays silent. */
class SignalsTest {
  private static final String[] VARIED = {
    "What should I cook tonight with leftover rice?", "Help me write a birthday card for my aunt.",
    "Why is the sky blue at noon but red at sunset?", "Plan a weekend in Porto for two people.",
    "Summarise the plot of Hamlet in a paragraph.", "Is it safe to run with a mild cold?",
    "Suggest names for a grey kitten.", "How do I remove a coffee stain from wool?",
    "What are good stretches after cycling?", "Draft a polite complaint about a late delivery."
  };

  private static Detector detector() {
    return new Detector(DetectionContext.defaults());
  }

  private static Detector detector(
      Map<String, AccountInfo> accounts, Map<String, ModelInfo> models, IpIntel intel) {
    return new Detector(Traffic.context(accounts, models, intel));
  }

  /** {@code n} events spaced {@code gap} apart with varied prompts, each tweaked. */
  private static List<UsageEvent> series(int n, long gap, Consumer<UsageEvent> tweak) {
    List<UsageEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UsageEvent e = event("a", T0 + i * gap, VARIED[i % VARIED.length] + " (" + i + " " + word(i) + ")");
      tweak.accept(e);
      out.add(e);
    }
    return out;
  }

  private static String word(int i) {
    StringBuilder b = new StringBuilder();
    Random r = new Random(i);
    for (int k = 0; k < 7; k++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  private static Signal fires(Detector d, List<UsageEvent> events, String id) {
    AccountState s = Traffic.run(d, events);
    Signal sig = Traffic.signal(d, s, id).orElse(null);
    assertThat(sig).as("%s should fire; got %s", id, d.explain(s).stream().map(x -> x.id).toList()).isNotNull();
    assertThat(sig.evidence).isNotBlank();
    assertThat(sig.value).isNotZero();
    return sig;
  }

  private static void silent(Detector d, List<UsageEvent> events, String id) {
    AccountState s = Traffic.run(d, events);
    assertThat(Traffic.signal(d, s, id)).as("%s should not fire", id).isEmpty();
  }

  @Test
  void requests() {
    Signal s = fires(detector(), series(3000, 20_000, e -> {}), SignalIds.REQUESTS);
    assertThat(s.evidence).contains("3,000 requests").contains("per day");
    assertThat(s.contribution).isPositive();
    silent(detector(), series(200, 5 * MIN, e -> {}), SignalIds.REQUESTS);
  }

  @Test
  void outputTokens() {
    Signal s = fires(detector(), series(300, 4 * MIN, e -> e.outputTokens = 20_000L), SignalIds.OUTPUT_TOKENS);
    assertThat(s.evidence).contains("6,000,000 output tokens");
    silent(detector(), series(300, 4 * MIN, e -> e.outputTokens = 500L), SignalIds.OUTPUT_TOKENS);
    silent(detector(), series(300, 4 * MIN, e -> {}), SignalIds.OUTPUT_TOKENS);
  }

  @Test
  void outputInputRatio() {
    Signal s =
        fires(detector(), series(60, MIN, e -> {
          e.inputTokens = 40L;
          e.outputTokens = 3000L;
        }), SignalIds.OUTPUT_INPUT_RATIO);
    assertThat(s.value).isEqualTo(75.0);
    assertThat(s.evidence).contains("180,000 output vs 2,400 input tokens");
    silent(detector(), series(60, MIN, e -> {
      e.inputTokens = 400L;
      e.outputTokens = 600L;
    }), SignalIds.OUTPUT_INPUT_RATIO);
  }

  @Test
  void maxTokensPinned() {
    Map<String, ModelInfo> models = Map.of("m1", new ModelInfo("m1", null, 8192));
    Consumer<UsageEvent> pinned = e -> {
      e.model = "m1";
      e.maxTokens = 8192;
    };
    Signal s = fires(detector(Map.of(), models, null), series(50, MIN, pinned), SignalIds.MAX_TOKENS_PINNED);
    assertThat(s.evidence).contains("50 of 50 requests (100%)");
    silent(detector(Map.of(), models, null), series(50, MIN, e -> {
      e.model = "m1";
      e.maxTokens = 1024;
    }), SignalIds.MAX_TOKENS_PINNED);
    assertThat(detector().skippedSignals()).contains(SignalIds.MAX_TOKENS_PINNED);
    silent(detector(), series(50, MIN, pinned), SignalIds.MAX_TOKENS_PINNED);
  }

  @Test
  void roundTheClock() {
    Signal s = fires(detector(), series(200, 15 * MIN, e -> {}), SignalIds.ROUND_THE_CLOCK);
    assertThat(s.value).isEqualTo(24.0);
    assertThat(s.evidence).contains("24 of 24 UTC hours");
    // office hours over three days
    List<UsageEvent> office = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      for (int i = 0; i < 40; i++) {
        office.add(event("a", T0 + day * DAY + 9 * HOUR + i * 12 * MIN, VARIED[i % 10]));
      }
    }
    silent(detector(), office, SignalIds.ROUND_THE_CLOCK);
  }

  @Test
  void interarrivalRegularity() {
    Random r = new Random(5);
    List<UsageEvent> scripted = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 100; i++) {
      t += 30_000 + r.nextInt(4000);
      scripted.add(event("a", t, VARIED[i % 10]));
    }
    Signal s = fires(detector(), scripted, SignalIds.INTERARRIVAL_REGULARITY);
    assertThat(s.value).isLessThan(0.1);
    assertThat(s.evidence).contains("99 gaps");
    List<UsageEvent> human = new ArrayList<>();
    t = T0;
    for (int i = 0; i < 100; i++) {
      t += (long) (-Math.log(1 - r.nextDouble()) * 120_000);
      human.add(event("a", t, VARIED[i % 10]));
    }
    silent(detector(), human, SignalIds.INTERARRIVAL_REGULARITY);
  }

  @Test
  void concurrency() {
    Signal s = fires(detector(), series(100, 2000, e -> e.latencyMs = 10_000L), SignalIds.CONCURRENCY);
    assertThat(s.evidence).contains("started while another was still running");
    silent(detector(), series(100, 30_000, e -> e.latencyMs = 5_000L), SignalIds.CONCURRENCY);
    silent(detector(), series(100, 2000, e -> {}), SignalIds.CONCURRENCY);
  }

  @Test
  void templateConcentration() {
    List<UsageEvent> templated = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      templated.add(event("a", T0 + i * MIN,
          "Solve the following problem and explain it. " + VARIED[i % 10] + " Also consider case " + word(i)
              + " with " + word(i + 100) + " and " + word(i + 200) + " when " + word(i + 300)
              + " is larger than " + word(i + 400) + " in the final " + word(i + 500) + "."));
    }
    Signal s = fires(detector(), templated, SignalIds.TEMPLATE_CONCENTRATION);
    assertThat(s.evidence).startsWith("60 prompts, 100% in 1 template; example: 'solve the following problem and explain it. {…}'");
    silent(detector(), series(60, MIN, e -> {}), SignalIds.TEMPLATE_CONCENTRATION);
  }

  @Test
  void singleTurn() {
    fires(detector(), series(40, MIN, e -> {}), SignalIds.SINGLE_TURN);
    silent(detector(), series(40, MIN, e -> {
      if (e.ts % (2 * MIN) == 0) {
        e.userTurns = 3;
        e.assistantTurns = 2;
      }
    }), SignalIds.SINGLE_TURN);
  }

  private static List<UsageEvent> codingSweep(int n) {
    List<UsageEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(event("a", T0 + i * MIN,
          "Implement a python function " + word(i) + " that handles " + word(i + 1000) + " "
              + word(i + 2000) + " " + word(i + 3000) + " " + word(i + 4000) + " " + word(i + 5000)
              + " " + word(i + 6000) + " " + word(i + 7000) + " efficiently."));
    }
    return out;
  }

  @Test
  void topicSweep() {
    Signal s = fires(detector(), codingSweep(150), SignalIds.TOPIC_SWEEP);
    assertThat(s.evidence).contains("about coding");
    // the same few prompts again and again: no sweep
    List<UsageEvent> repeat = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      repeat.add(event("a", T0 + i * MIN, "Implement a python function for task " + (i % 5)));
    }
    silent(detector(), repeat, SignalIds.TOPIC_SWEEP);
  }

  @Test
  void capabilityFocus() {
    Signal s = fires(detector(), codingSweep(250), SignalIds.CAPABILITY_FOCUS);
    assertThat(s.evidence).contains("250 of 250 prompts").contains("coding");
    List<UsageEvent> mixed = new ArrayList<>();
    String[] areas = {"Translate this into French: ", "Write a python function for ", "Write a poem about ",
        "Solve the equation for ", "What are symptoms of "};
    for (int i = 0; i < 250; i++) {
      mixed.add(event("a", T0 + i * MIN, areas[i % 5] + word(i)));
    }
    silent(detector(), mixed, SignalIds.CAPABILITY_FOCUS);
  }

  @Test
  void chainOfThought() {
    Signal s =
        fires(detector(), series(40, MIN, e -> e.userText = e.userText + " Think step by step and show your reasoning."),
            SignalIds.COT);
    assertThat(s.evidence).startsWith("40 of 40 requests (100%)");
    fires(detector(), series(40, MIN, e -> e.system = "Always articulate your internal reasoning before answering."),
        SignalIds.COT);
    silent(detector(), series(40, MIN, e -> {}), SignalIds.COT);
  }

  @Test
  void reasoningMax() {
    Signal s = fires(detector(), series(30, MIN, e -> e.reasoningEffort = "high"), SignalIds.REASONING_MAX);
    assertThat(s.evidence).contains("reasoning_effort=high");
    fires(detector(), series(30, MIN, e -> e.thinkingBudget = 32_000), SignalIds.REASONING_MAX);
    silent(detector(), series(30, MIN, e -> e.reasoningEffort = "low"), SignalIds.REASONING_MAX);
  }

  @Test
  void rubricGrading() {
    fires(detector(),
        series(30, MIN, e -> e.userText = "Using the rubric below, rate the response on a scale of 1 to 10: " + e.userText),
        SignalIds.RUBRIC_GRADING);
    silent(detector(), series(30, MIN, e -> {}), SignalIds.RUBRIC_GRADING);
  }

  @Test
  void toolTrace() {
    Signal s = fires(detector(), series(40, MIN, e -> {
      e.tools = 3;
      e.toolResultBlocks = 1;
    }), SignalIds.TOOL_TRACE);
    assertThat(s.evidence).contains("40 carry tool-call or tool-result traces");
    silent(detector(), series(40, MIN, e -> e.tools = 0), SignalIds.TOOL_TRACE);
  }

  @Test
  void repeatedSampling() {
    Signal s = fires(detector(), series(40, MIN, e -> e.n = 4), SignalIds.REPEATED_SAMPLING);
    assertThat(s.evidence).contains("up to n=4");
    List<UsageEvent> resent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      resent.add(event("a", T0 + i * MIN, "Prove that there are infinitely many primes, variant " + (i / 5)));
    }
    Signal r = fires(detector(), resent, SignalIds.REPEATED_SAMPLING);
    assertThat(r.evidence).contains("about 12 distinct prompts among 60 (80% resent)");
    silent(detector(), series(40, MIN, e -> e.n = 1), SignalIds.REPEATED_SAMPLING);
  }

  @Test
  void logprobs() {
    Signal s = fires(detector(), series(30, MIN, e -> {
      e.logprobs = true;
      e.topLogprobs = 20;
    }), SignalIds.LOGPROBS);
    assertThat(s.evidence).contains("top_logprobs up to 20");
    silent(detector(), series(30, MIN, e -> e.logprobs = false), SignalIds.LOGPROBS);
  }

  @Test
  void releasePivot() {
    long release = T0 - 2 * HOUR;
    Map<String, ModelInfo> models = Map.of("new", new ModelInfo("new", release, 32000));
    Signal s = fires(detector(Map.of(), models, null), series(80, MIN, e -> e.model = "new"), SignalIds.RELEASE_PIVOT);
    assertThat(s.value).isEqualTo(2.0);
    assertThat(s.evidence).contains("first request on new 2.0 h after its release");
    Map<String, ModelInfo> old = Map.of("new", new ModelInfo("new", T0 - 30 * DAY, 32000));
    silent(detector(Map.of(), old, null), series(80, MIN, e -> e.model = "new"), SignalIds.RELEASE_PIVOT);
    // without a models file: first appearance in the traffic, when the job supplies it
    Detector firstSeen =
        new Detector(DetectionContext.defaults().withModelFirstSeen(Map.of("new", T0 - HOUR)));
    fires(firstSeen, series(80, MIN, e -> e.model = "new"), SignalIds.RELEASE_PIVOT);
    assertThat(detector().skippedSignals()).contains(SignalIds.RELEASE_PIVOT);
    assertThat(firstSeen.skippedSignals()).doesNotContain(SignalIds.RELEASE_PIVOT);
  }

  @Test
  void datacenterEgress() {
    Signal s =
        fires(detector(Map.of(), Map.of(), Traffic.INTEL), series(30, MIN, e -> e.ip = "203.0.113." + (e.ts % 200)),
            SignalIds.DATACENTER_EGRESS);
    assertThat(s.evidence).contains("30 of 30 requests").contains("203.0.113.0/24").doesNotContain("203.0.113.1 ");
    silent(detector(Map.of(), Map.of(), Traffic.INTEL), series(30, MIN, e -> e.ip = "10.9.8.7"),
        SignalIds.DATACENTER_EGRESS);
    assertThat(detector().skippedSignals()).contains(SignalIds.DATACENTER_EGRESS, SignalIds.ANONYMIZER);
  }

  @Test
  void eventsOwnAsnCountsWhenItsAddressIsInNoKnownRange() {
    IpIntel intel = io.distillwatch.ipintel.IpIntelLoader.loadShipped();
    // 198.18.0.0/15 (benchmarking, RFC 2544) is in no published range; AS16509 is on the datacenter ASN list
    Signal s = fires(detector(Map.of(), Map.of(), intel), series(30, MIN, e -> {
      e.ip = "198.18.7." + (e.ts % 200);
      e.asn = 16509L;
    }), SignalIds.DATACENTER_EGRESS);
    assertThat(s.evidence).contains("30 of 30 requests");
    // the same addresses with a residential ISP's ASN (AS3320, Deutsche Telekom) do not count
    silent(detector(Map.of(), Map.of(), intel), series(30, MIN, e -> {
      e.ip = "198.18.7." + (e.ts % 200);
      e.asn = 3320L;
    }), SignalIds.DATACENTER_EGRESS);
  }

  @Test
  void anonymizer() {
    Signal s = fires(detector(Map.of(), Map.of(), Traffic.INTEL), series(30, MIN, e -> e.ip = "192.0.2.10"),
        SignalIds.ANONYMIZER);
    assertThat(s.evidence).contains("30 came through VPNs");
    // privacy relays alone weigh little: below the threshold
    silent(detector(Map.of(), Map.of(), Traffic.INTEL), series(30, MIN, e -> e.ip = "100.64.1.9"),
        SignalIds.ANONYMIZER);
    fires(detector(Map.of(), Map.of(), Traffic.INTEL), series(30, MIN, e -> e.ip = "100.64.2.9"), SignalIds.ANONYMIZER);
  }

  @Test
  void clientMismatch() {
    Signal s = fires(detector(), series(30, MIN, e -> {
      e.userAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/133.0";
      e.tlsFp = "t13d0910h1_aaaaaaaaaaaa_bbbbbbbbbbbb";
    }), SignalIds.CLIENT_MISMATCH);
    assertThat(s.evidence).contains("claims a browser").contains("is a library's");
    silent(detector(), series(30, MIN, e -> {
      e.userAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/133.0";
      e.tlsFp = "t13d1516h2_8daaf6152771_02713d6af862";
    }), SignalIds.CLIENT_MISMATCH);
    silent(detector(), series(30, MIN, e -> {
      e.userAgent = "openai-python/1.40.0";
      e.tlsFp = "t13d1812h1_85036bcba153_b26ce05bbdd6";
    }), SignalIds.CLIENT_MISMATCH);
  }

  private static AccountInfo info(Consumer<AccountInfo> tweak) {
    AccountInfo a = new AccountInfo("a");
    tweak.accept(a);
    return a;
  }

  @Test
  void fresh() {
    Signal s = fires(detector(Map.of("a", info(a -> a.createdAt = T0 - DAY)), Map.of(), null),
        series(5, MIN, e -> {}), SignalIds.FRESH);
    assertThat(s.value).isEqualTo(1.0);
    assertThat(s.evidence).contains("1.0 days before its first request");
    silent(detector(Map.of("a", info(a -> a.createdAt = T0 - 700 * DAY)), Map.of(), null), series(5, MIN, e -> {}),
        SignalIds.FRESH);
    assertThat(detector().skippedSignals()).contains(SignalIds.FRESH, SignalIds.SIGNUP_PATH, SignalIds.DISPOSABLE_EMAIL);
  }

  @Test
  void signupPath() {
    Signal s = fires(detector(Map.of("a", info(a -> a.signupPath = "education")), Map.of(), null),
        series(5, MIN, e -> {}), SignalIds.SIGNUP_PATH);
    assertThat(s.evidence).contains("'education'");
    silent(detector(Map.of("a", info(a -> a.signupPath = "self-serve")), Map.of(), null), series(5, MIN, e -> {}),
        SignalIds.SIGNUP_PATH);
  }

  @Test
  void disposableEmail() {
    Signal s = fires(detector(Map.of("a", info(a -> a.email = "x7@eu.mailinator.com")), Map.of(), null),
        series(5, MIN, e -> {}), SignalIds.DISPOSABLE_EMAIL);
    assertThat(s.evidence).contains("eu.mailinator.com").doesNotContain("x7@");
    silent(detector(Map.of("a", info(a -> a.emailDomain = "example.org")), Map.of(), null), series(5, MIN, e -> {}),
        SignalIds.DISPOSABLE_EMAIL);
  }

  @Test
  void benchmarkDamper() {
    List<UsageEvent> mmlu = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UsageEvent e = event("a", T0 + i * MIN,
          "The following is a multiple choice question about anatomy.\n\n" + VARIED[i % 10] + " " + word(i)
              + "\nA. one\nB. two\nC. three\nD. four\nAnswer:");
      e.temperature = 0.0;
      mmlu.add(e);
    }
    Signal s = fires(detector(), mmlu, SignalIds.BENCHMARK);
    assertThat(s.contribution).isNegative();
    assertThat(s.evidence).contains("40 of 40 prompts (100%)").contains("40 of 40 requests at temperature 0");
    silent(detector(), series(40, MIN, e -> e.temperature = 0.7), SignalIds.BENCHMARK);
  }

  /** A conversation of {@code turns} requests, each resending the previous request and its answer. */
  private static List<UsageEvent> conversations(int count, int turns, boolean observed) {
    List<UsageEvent> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      long key = 1000L * (c + 1);
      for (int t = 0; t < turns; t++) {
        final long prior = key + t - 1;
        final long own = key + t;
        final int turn = t;
        out.add(event("a", T0 + out.size() * MIN, VARIED[out.size() % 10] + " " + word(out.size()), e -> {
          e.userTurns = turn + 1;
          e.assistantTurns = turn;
          e.toolUseBlocks = turn; // an agent loop: each earlier assistant turn called a tool
          e.turnKey = own;
          // a fabricated history names a turn that was never sent
          e.priorTurnKey = turn == 0 ? 0 : observed ? prior : -prior;
        }));
      }
    }
    return out;
  }

  @Test
  void observedConversationDamper() {
    Signal s = fires(detector(), conversations(10, 4, true), SignalIds.OBSERVED_CONVERSATION);
    assertThat(s.contribution).isNegative();
    assertThat(s.evidence).contains("30 of 40 requests (75%)");
    // multi-turn requests whose earlier turns were never sent are not conversation
    silent(detector(), conversations(10, 4, false), SignalIds.OBSERVED_CONVERSATION);
    silent(detector(), series(40, MIN, e -> {}), SignalIds.OBSERVED_CONVERSATION);
    // half honest, half fabricated: the damper shrinks with the fabricated share
    List<UsageEvent> mixed = new ArrayList<>(conversations(10, 4, true));
    for (UsageEvent e : conversations(10, 4, false)) {
      e.turnKey += 1_000_000;
      e.priorTurnKey = e.priorTurnKey == 0 ? 0 : e.priorTurnKey - 1_000_000;
      e.ts += DAY;
      mixed.add(e);
    }
    Signal half = fires(detector(), mixed, SignalIds.OBSERVED_CONVERSATION);
    assertThat(-half.contribution).isLessThan(-s.contribution);
    assertThat(Traffic.run(detector(), conversations(10, 4, true)).events()).isEqualTo(40);
    assertThat(detector().explain(Traffic.run(detector(), conversations(10, 4, true))))
        .noneMatch(x -> SignalIds.RETIRED.contains(x.id));
  }

  @Test
  void fabricatedHistory() {
    Signal s = fires(detector(), conversations(10, 4, false), SignalIds.FABRICATED_HISTORY);
    assertThat(s.evidence).contains("30 of 30 requests whose earlier turns hold the model's tool calls (100%)");
    assertThat(s.contribution).isPositive();
    silent(detector(), conversations(10, 4, true), SignalIds.FABRICATED_HISTORY);
    // conversations begun before the log window: each is unobserved once, then observed
    List<UsageEvent> resumed = conversations(8, 6, true);
    resumed.removeIf(e -> e.assistantTurns == 0);
    silent(detector(), resumed, SignalIds.FABRICATED_HISTORY);
    // text histories never sent (an app relaying chats begun elsewhere, sampled logs) are not judged
    List<UsageEvent> textOnly = conversations(10, 4, false);
    textOnly.forEach(e -> e.toolUseBlocks = 0);
    silent(detector(), textOnly, SignalIds.FABRICATED_HISTORY);
  }

  @Test
  void conversationSketchForgetsOnlyOldTurns() throws Exception {
    ConversationSketch sketch = new ConversationSketch();
    sketch.add(42);
    assertThat(sketch.contains(42)).isTrue();
    assertThat(sketch.contains(43)).isFalse();
    for (int i = 0; i < ConversationSketch.GENERATION; i++) {
      sketch.add(Hash(i));
    }
    assertThat(sketch.contains(42)).as("one generation back is still known").isTrue();
    for (int i = 0; i < 2 * ConversationSketch.GENERATION; i++) {
      sketch.add(Hash(10_000 + i));
    }
    assertThat(sketch.contains(42)).as("two generations back is forgotten").isFalse();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    sketch.write(new java.io.DataOutputStream(bytes));
    ConversationSketch read =
        ConversationSketch.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read.contains(Hash(10_000 + 2 * ConversationSketch.GENERATION - 1))).isTrue();
    int falseHits = 0;
    for (int i = 0; i < 10_000; i++) {
      falseHits += read.contains(Hash(900_000 + i)) ? 1 : 0;
    }
    assertThat(falseHits).as("false 'seen' rate at full load").isLessThan(400);
  }

  private static long Hash(long i) {
    return io.distillwatch.template.Hash64.mix(i * 0x9E3779B97F4A7C15L + 1);
  }

  @Test
  void declaredPurpose() {
    Signal s = fires(detector(), series(30, MIN, e -> e.system =
        "You write answers for a machine learning dataset. Be thorough."), SignalIds.DECLARED_PURPOSE);
    assertThat(s.evidence).contains("30 of 30 requests (100%)");
    fires(detector(), series(30, MIN, e -> e.userText =
        e.userText + " Your answer will be used as training data."), SignalIds.DECLARED_PURPOSE);
    fires(detector(), series(30, MIN, e -> e.system = "请详细回答，这些回答将用于训练学生模型。"), SignalIds.DECLARED_PURPOSE);
    fires(detector(), series(30, MIN, e -> e.system = "You are ChatGPT, answer as it would."), SignalIds.DECLARED_PURPOSE);
    // talking about datasets or training is not declaring the answers are for one
    silent(detector(), series(30, MIN, e -> e.userText =
        "How do I split a dataset for training and validation in scikit-learn? " + e.userText),
        SignalIds.DECLARED_PURPOSE);
    silent(detector(), series(30, MIN, e -> e.userText = "Tips for training a puppy to sit? " + e.userText),
        SignalIds.DECLARED_PURPOSE);
  }

  @Test
  void declaredPurposeAloneNeverConvicts() {
    // only the elicitation family can contribute here (the others are switched off)
    Detector d = new Detector(new DetectionContext(DetectionConfig.defaults()
        .with(Map.of("elicitation.declared_purpose.weight", "3"), "test")
        .withDisabled(List.of("automation", "structure", "volume")), Map.of(), Map.of(), null));
    AccountState alone = Traffic.run(d, series(60, 7 * MIN, e -> e.system = "Answers are for a training dataset."));
    assertThat(d.assess(alone).verdict()).isNotEqualTo(io.distillwatch.event.Verdict.DISTILLATION);
    Signal sig = Traffic.signal(d, alone, SignalIds.DECLARED_PURPOSE).orElseThrow();
    assertThat(sig.evidence).contains("cannot convict without another family");
    double sum = d.explain(alone).stream().mapToDouble(x -> x.contribution).sum();
    assertThat(1 - Math.exp(-sum)).isCloseTo(d.assess(alone).score(), org.assertj.core.data.Offset.offset(0.001));
    // with another family's evidence (regular pacing: automation) it may
    Detector withAutomation = new Detector(new DetectionContext(DetectionConfig.defaults()
        .with(Map.of("elicitation.declared_purpose.weight", "3"), "test")
        .withDisabled(List.of("structure", "volume")), Map.of(), Map.of(), null));
    AccountState paced = Traffic.run(withAutomation, series(60, 7 * MIN, e -> e.system = "Answers are for a training dataset."));
    assertThat(withAutomation.assess(paced).verdict()).isEqualTo(io.distillwatch.event.Verdict.DISTILLATION);
  }

  @Test
  void declaredPurposePhrasesAreReplaceableThroughConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("phrases.txt"), "# mine\nfor the archive\n");
    java.nio.file.Path cfg = dir.resolve("config.properties");
    java.nio.file.Files.writeString(cfg, "elicitation.declared_purpose.phrases = phrases.txt\n");
    DetectionConfig config = DetectionConfig.load(cfg);
    assertThat(config.file("elicitation.declared_purpose.phrases")).isEqualTo(dir.resolve("phrases.txt").toString());
    Detector d = new Detector(new DetectionContext(config, Map.of(), Map.of(), null));
    fires(d, series(30, MIN, e -> e.system = "Write it for the archive."), SignalIds.DECLARED_PURPOSE);
    silent(d, series(30, MIN, e -> e.system = "Answers are for a training dataset."), SignalIds.DECLARED_PURPOSE);
  }

  @Test
  void maxTokensOverlimit() {
    Map<String, ModelInfo> models = Map.of("m1", new ModelInfo("m1", null, 8192), "m2", new ModelInfo("m2", null, 64000));
    Signal s = fires(detector(Map.of(), models, null), series(30, MIN, e -> {
      e.model = "m1";
      e.maxTokens = 20_000;
    }), SignalIds.MAX_TOKENS_OVERLIMIT);
    assertThat(s.evidence).contains("30 of 30 requests (100%)").contains("max_tokens=20,000");
    // a model the table does not know: judged against the largest limit of any model
    fires(detector(Map.of(), models, null), series(30, MIN, e -> {
      e.model = "unlisted";
      e.maxTokens = 1_000_000;
    }), SignalIds.MAX_TOKENS_OVERLIMIT);
    silent(detector(Map.of(), models, null), series(30, MIN, e -> {
      e.model = "unlisted";
      e.maxTokens = 20_000;
    }), SignalIds.MAX_TOKENS_OVERLIMIT);
    silent(detector(Map.of(), models, null), series(30, MIN, e -> {
      e.model = "m1";
      e.maxTokens = 8192;
    }), SignalIds.MAX_TOKENS_OVERLIMIT);
    assertThat(detector().skippedSignals()).contains(SignalIds.MAX_TOKENS_OVERLIMIT);
  }

  @Test
  void shippedModelsTableHasSourcedLimits() {
    var table = io.distillwatch.ingest.ModelsFile.loadShipped();
    assertThat(table.rejections()).isEmpty();
    assertThat(table.entries()).hasSizeGreaterThan(20);
    assertThat(table.entries().values()).allSatisfy(m -> assertThat(m.maxOutputTokens).isPositive());
    assertThat(table.entries().get("gpt-4o").maxOutputTokens).isEqualTo(16384);
  }

  private static AccountInfo throwaway() {
    return info(a -> {
      a.createdAt = T0 - 2 * DAY;
      a.verified = false;
      a.email = "x@mailinator.com";
    });
  }

  @Test
  void throwawayVolume() {
    Signal s = fires(detector(Map.of("a", throwaway()), Map.of(), null), series(3000, 20_000, e -> {}),
        SignalIds.THROWAWAY_VOLUME);
    assertThat(s.evidence).contains("2.0 days old").contains("unverified").contains("no payment method")
        .contains("disposable e-mail");
    // the same volume from an old, verified, paying account on its own domain
    silent(detector(Map.of("a", info(a -> {
      a.createdAt = T0 - 400 * DAY;
      a.verified = true;
      a.paymentFp = "pm-1";
      a.emailDomain = "example.org";
    })), Map.of(), null), series(3000, 20_000, e -> {}), SignalIds.THROWAWAY_VOLUME);
    // a throw-away account at a person's pace
    silent(detector(Map.of("a", throwaway()), Map.of(), null), series(100, 30 * MIN, e -> {}),
        SignalIds.THROWAWAY_VOLUME);
  }

  @Test
  void throwawayVolumeConvictsOnlyWithAnotherFamily() {
    Detector d = detector(Map.of("a", throwaway()), Map.of(), Traffic.INTEL);
    // heavy, fresh, disposable, round the clock from a datacenter: automation and infra join in
    AccountState heavy = Traffic.run(d, series(6000, 20_000, e -> e.ip = "203.0.113.9"));
    assertThat(d.assess(heavy).verdict()).as("%s", d.explain(heavy).stream().map(x -> x.id + "=" + x.contribution).toList())
        .isEqualTo(io.distillwatch.event.Verdict.DISTILLATION);
    // only account-family evidence (one burst within a day: no round-the-clock, no datacenter)
    Detector accountOnly = new Detector(new DetectionContext(DetectionConfig.defaults()
        .with(Map.of("account.throwaway_volume.weight", "3"), "test")
        .withDisabled(List.of("automation", "volume", "structure", "infra")),
        Map.of("a", throwaway()), Map.of(), null));
    AccountState burst = Traffic.run(accountOnly, series(3000, 20_000, e -> {}));
    assertThat(accountOnly.assess(burst).verdict()).isEqualTo(io.distillwatch.event.Verdict.SUSPICIOUS);
  }

  @Test
  void verifiedOrgDamper() {
    Signal s = fires(detector(Map.of("a", info(a -> {
      a.signupPath = "enterprise";
      a.verified = true;
      a.orgName = "Example Corp";
    })), Map.of(), null), series(5, MIN, e -> {}), SignalIds.VERIFIED_ORG);
    assertThat(s.contribution).isNegative();
    assertThat(s.evidence).contains("Example Corp");
    silent(detector(Map.of("a", info(a -> {
      a.signupPath = "enterprise";
      a.verified = false;
    })), Map.of(), null), series(5, MIN, e -> {}), SignalIds.VERIFIED_ORG);
  }
}
