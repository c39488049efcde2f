package io.distillwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.event.UsageEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Folding digested events (texts dropped, digest encoded and decoded) must give the very state, score
 * and evidence of folding the original events: the scan's cluster stage relies on it.
 */
class PromptDigestTest {
  private static final String[] SYSTEMS = {
    null, "", "You are a helpful assistant.", "Think step by step and show your work.",
    "Du bist ein hilfreicher Assistent.", "你是一个乐于助人的助手。请逐步思考。"
  };

  @Test
  void foldingDigestsGivesTheStateOfFoldingTheEvents() throws IOException {
    Detector detector = new Detector(DetectionContext.defaults());
    Random rnd = new Random(42);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      events.add(randomEvent(rnd, "acct-" + rnd.nextInt(3), Traffic.T0 + i * 7_000L));
    }
    AccountState direct = detector.newState("cluster");
    AccountState digested = detector.newState("cluster");
    for (UsageEvent e : events) {
      detector.update(direct, e);
      PromptDigest d = roundTrip(detector.digest(e));
      detector.update(digested, withoutTexts(e), d);
    }

    assertThat(bytes(digested)).isEqualTo(bytes(direct));
    assertThat(detector.assess(digested)).isEqualTo(detector.assess(direct));
    assertThat(detector.explain(digested)).usingRecursiveFieldByFieldElementComparator().isEqualTo(detector.explain(direct));
    assertThat(direct.prompts).as("the traffic had prompts").isGreaterThan(2000);
    assertThat(direct.cotEvents + direct.rubricEvents + direct.benchLayoutEvents).isGreaterThan(100);
  }

  @Test
  void aClusterFoldsItsMembersRelativeDigestsToTheStateOfItsEvents() throws IOException {
    Detector detector = new Detector(DetectionContext.defaults());
    Random rnd = new Random(7);
    // Members with templated prompts (examples repeat) and with free text; an account's events in time order.
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      String account = "acct-" + rnd.nextInt(5);
      UsageEvent e = account.equals("acct-0")
          ? Traffic.event(account, 0, "Solve the following problem step by step. Problem " + rnd.nextInt(100) + ": x + " + rnd.nextInt(9) + " = 7")
          : randomEvent(rnd, account, 0);
      e.ts = Traffic.T0 + (i / 3) * 5_000L; // three events share each time
      events.add(e);
    }
    // The account pass: each account's own state, writer and sequence.
    java.util.Map<String, AccountState> own = new java.util.HashMap<>();
    java.util.Map<String, PromptDigest.Writer> writers = new java.util.HashMap<>();
    List<byte[]> encoded = new ArrayList<>();
    long relativeBytes = 0;
    long wholeBytes = 0;
    for (UsageEvent e : events) {
      AccountState state = own.computeIfAbsent(e.account, detector::newState);
      PromptDigest d = detector.digest(e);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      writers.computeIfAbsent(e.account, a -> new PromptDigest.Writer()).write(new DataOutputStream(b), d, state);
      detector.update(state, e, d);
      encoded.add(b.toByteArray());
      relativeBytes += b.size();
      wholeBytes += encode(d).length;
    }
    // The cluster pass, in the same order: restore, then fold.
    AccountState direct = detector.newState("cluster");
    AccountState digested = detector.newState("cluster");
    PromptDigest.Chain chain = new PromptDigest.Chain();
    for (int i = 0; i < events.size(); i++) {
      detector.update(direct, events.get(i));
      PromptDigest d = PromptDigest.read(new DataInputStream(new ByteArrayInputStream(encoded.get(i))));
      chain.restore(events.get(i).account, d);
      detector.update(digested, withoutTexts(events.get(i)), d);
    }

    assertThat(bytes(digested)).isEqualTo(bytes(direct));
    assertThat(detector.explain(digested)).usingRecursiveFieldByFieldElementComparator().isEqualTo(detector.explain(direct));
    assertThat(relativeBytes).as("repeated examples and register-only words are not sent whole").isLessThan(wholeBytes * 8 / 10);
  }

  @Test
  void anUnrestoredRelativeDigestIsNotFolded() throws IOException {
    Detector detector = new Detector(DetectionContext.defaults());
    AccountState state = detector.newState("a");
    PromptDigest.Writer writer = new PromptDigest.Writer();
    byte[] second = null;
    for (int i = 0; i < 2; i++) {
      UsageEvent e = Traffic.event("a", Traffic.T0 + i, "Translate this sentence into French please");
      PromptDigest d = detector.digest(e);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      writer.write(new DataOutputStream(b), d, state);
      detector.update(state, e, d);
      second = b.toByteArray();
    }
    PromptDigest relative = PromptDigest.read(new DataInputStream(new ByteArrayInputStream(second)));
    assertThatThrownBy(() -> detector.update(detector.newState("c"), Traffic.event("a", Traffic.T0, null), relative))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new PromptDigest.Chain().restore("a", relative))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never sent");
  }

  @Test
  void aDigestDoesNotDependOnTheThreadsLaterPrompts() throws IOException {
    Detector detector = new Detector(DetectionContext.defaults());
    PromptDigest first = detector.digest(Traffic.event("a", Traffic.T0, "Solve the equation step by step: x + 2 = 5"));
    byte[] before = encode(first);
    detector.digest(Traffic.event("a", Traffic.T0, "Write a poem about a wizard in a fantasy novel"));
    assertThat(encode(first)).isEqualTo(before);
  }

  @Test
  void aCorruptDigestIsRefused() {
    assertThatThrownBy(() -> PromptDigest.read(new DataInputStream(new ByteArrayInputStream(new byte[] {64}))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt prompt digest");
  }

  private static UsageEvent randomEvent(Random rnd, String account, long ts) {
    StringBuilder text = new StringBuilder();
    int parts = rnd.nextInt(6);
    for (int p = 0; p < parts; p++) {
      text.append(switch (rnd.nextInt(7)) {
        case 0 -> pick(rnd, PromptFeatures.COT_PHRASES);
        case 1 -> pick(rnd, PromptFeatures.RUBRIC_PHRASES);
        case 2 -> "Question: what is " + rnd.nextInt(1000) + "?\nAnswer:";
        case 3 -> pick(rnd, PromptFeatures.CATEGORY_WORDS[1 + rnd.nextInt(PromptFeatures.CATEGORY_WORDS.length - 1)]);
        case 4 -> "Translate the following paragraph into Spanish, preserving formatting and tone";
        case 5 -> "请一步一步地解释这个问题 " + rnd.nextInt(50);
        default -> "Explain the difference between concurrency and parallelism in distributed systems #" + rnd.nextInt(40);
      }).append(rnd.nextBoolean() ? "\n" : " ");
    }
    UsageEvent e = Traffic.event(account, ts, text.toString());
    e.system = SYSTEMS[rnd.nextInt(SYSTEMS.length)];
    e.model = "model-" + rnd.nextInt(2);
    e.ip = "198.51.100." + rnd.nextInt(20);
    e.latencyMs = (long) rnd.nextInt(20_000);
    e.temperature = rnd.nextBoolean() ? 0.0 : 0.7;
    return e;
  }

  private static String pick(Random rnd, String[] options) {
    return options[rnd.nextInt(options.length)];
  }

  private static UsageEvent withoutTexts(UsageEvent e) {
    UsageEvent copy = new UsageEvent();
    copy.account = e.account;
    copy.ts = e.ts;
    copy.userTurns = e.userTurns;
    copy.model = e.model;
    copy.ip = e.ip;
    copy.latencyMs = e.latencyMs;
    copy.temperature = e.temperature;
    return copy;
  }

  private static PromptDigest roundTrip(PromptDigest d) throws IOException {
    return PromptDigest.read(new DataInputStream(new ByteArrayInputStream(encode(d))));
  }

  private static byte[] encode(PromptDigest d) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    d.write(new DataOutputStream(b));
    return b.toByteArray();
  }

  private static byte[] bytes(AccountState s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    s.write(new DataOutputStream(b));
    return b.toByteArray();
  }
}
