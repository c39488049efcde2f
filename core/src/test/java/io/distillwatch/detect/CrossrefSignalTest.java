package io.distillwatch.detect;

import static io.distillwatch.detect.Traffic.T0;
import static io.distillwatch.detect.Traffic.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.event.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code crossref.match}: fires with the account's own content evidence, never convicts or flags alone. */
class CrossrefSignalTest {
  /** A lookup that matches every account paying with card {@code pm-shared}. */
  private static final CrossrefLookup LOOKUP = (s, info) ->
      s.paymentFingerprints().contains("pm-shared")
          ? new CrossrefLookup.Match(1.2, "matches 1 indicator shared by other providers (payment_fingerprint x1)")
          : null;

  private static Detector detector(boolean withLookup) {
    DetectionContext c = new DetectionContext(DetectionConfig.defaults(), Map.of(), Map.of(), Traffic.INTEL);
    return new Detector(withLookup ? c.withCrossref(LOOKUP) : c);
  }

  /** Templated chain-of-thought prompts: content evidence of its own, below distillation. */
  private static AccountState templated(Detector d, String card, int n) {
    AccountState s = d.newState("a");
    for (int i = 0; i < n; i++) {
      UsageEvent e = event("a", T0 + i * 240_000L, "Solve problem " + i
          + " step by step and explain your reasoning in detail before giving the final answer.");
      e.paymentFp = card;
      d.update(s, e);
    }
    return s;
  }

  /** Ordinary chat (distinct questions, follow-ups, irregular times): no content evidence. */
  private static AccountState chatty(Detector d, String card) {
    AccountState s = d.newState("a");
    java.util.Random r = new java.util.Random(11);
    String[] words = {"river", "garden", "recipe", "violin", "budget", "holiday", "cousin", "kitten", "poem",
        "laptop", "museum", "train", "winter", "coffee", "market", "letter", "bicycle", "concert"};
    long t = T0;
    for (int i = 0; i < 40; i++) {
      StringBuilder q = new StringBuilder("could you help me with");
      for (int w = 0; w < 6; w++) {
        q.append(' ').append(words[r.nextInt(words.length)]);
      }
      t += 600_000L + r.nextInt(7_200_000);
      UsageEvent e = event("a", t, q.toString());
      e.userTurns = 2 + r.nextInt(3);
      e.assistantTurns = e.userTurns - 1;
      e.paymentFp = card;
      d.update(s, e);
    }
    return s;
  }

  private static Signal signal(Detector d, AccountState s) {
    return d.explain(s).stream().filter(x -> x.id.equals(SignalIds.CROSSREF_MATCH)).findFirst().orElse(null);
  }

  @Test
  void aMatchAddsToAnAccountWithContentEvidenceOfItsOwn() {
    Detector with = detector(true);
    Detector without = detector(false);
    AccountState a = templated(with, "pm-shared", 120);
    AccountState b = templated(without, "pm-shared", 120);
    Signal m = signal(with, a);
    assertThat(m).isNotNull();
    assertThat(m.contribution).isPositive();
    assertThat(m.evidence).contains("payment_fingerprint").doesNotContain("pm-shared");
    assertThat(with.assess(a).score()).isGreaterThan(without.assess(b).score());
  }

  @Test
  void noMatchNoSignal() {
    Detector with = detector(true);
    assertThat(signal(with, templated(with, "pm-other", 120))).isNull();
  }

  @Test
  void aMatchAloneNeitherConvictsNorFlags() {
    Detector with = detector(true);
    Detector without = detector(false);
    AccountState a = chatty(with, "pm-shared");
    AccountState b = chatty(without, "pm-shared");
    assertThat(with.assess(a).score()).as("%s", without.explain(b).stream().map(x -> x.id + "=" + x.contribution).toList())
        .isEqualTo(without.assess(b).score());
    assertThat(with.assess(a).verdict()).isEqualTo(Verdict.BENIGN);
    List<Signal> signals = with.explain(a);
    assertThat(signals).allSatisfy(x -> assertThat(x.contribution).isNotZero());
  }
}
