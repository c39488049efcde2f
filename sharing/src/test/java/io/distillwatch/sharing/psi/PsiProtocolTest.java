package io.distillwatch.sharing.psi;

import static io.distillwatch.sharing.psi.PsiFixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol without any transport: correctness and each testable claim of SECURITY.md. */
class PsiProtocolTest {

  private static final PsiWorkers WORKERS = new PsiWorkers("psi-test", 2);
  private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  private final AtomicReference<PsiResult> responderResult = new AtomicReference<>();

  @AfterAll
  static void stop() {
    WORKERS.close();
  }

  private PsiResponderSessions responder(List<PsiItem> items, PsiPolicy policy) {
    return new PsiResponderSessions(PsiSet.of(items, WORKERS), policy, WORKERS, now::get, responderResult::set);
  }

  private PsiInitiator initiator(PsiMode mode, List<PsiItem> items) {
    return new PsiInitiator(mode, PsiSet.of(items, WORKERS), BlindingKey.fresh(), POLICY, WORKERS);
  }

  private static PsiResponder fixedKeyResponder(PsiMode mode, List<PsiItem> items, int clientSize) {
    return new PsiResponder(new byte[16], "peer-a", mode, clientSize, PsiSet.of(items, WORKERS),
        BlindingKey.fixedForTestsOnly(PsiFixtures.BETA), POLICY, WORKERS, System.currentTimeMillis(), r -> {});
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void intersectModeTellsEachSideWhichOfItsOwnItemsAreShared(long seed) {
    List<PsiItem> shared = PsiFixtures.shared(37, seed);
    List<PsiItem> a = PsiFixtures.set("a", 150, shared, seed * 31);
    List<PsiItem> b = PsiFixtures.set("b", 90, shared, seed * 37);
    PsiInitiator initiator = initiator(PsiMode.INTERSECT, a);
    PsiResponder session = responder(b, POLICY).open("peer-a", initiator.open());

    PsiFixtures.Transcript t = PsiFixtures.run(initiator, session);

    assertThat(t.initiator().matched()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(shared);
    assertThat(t.responder().matched()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(shared);
    assertThat(t.initiator().count()).isEqualTo(shared.size());
    assertThat(t.initiator().peerSize()).isEqualTo(b.size());
    assertThat(responderResult.get()).isEqualTo(t.responder());
  }

  @Test
  void countModeTellsBothSidesOnlyTheNumberOfSharedItems() {
    List<PsiItem> shared = PsiFixtures.shared(23, 5);
    PsiInitiator initiator = initiator(PsiMode.COUNT, PsiFixtures.set("a", 100, shared, 6));
    PsiResponder session = responder(PsiFixtures.set("b", 120, shared, 7), POLICY).open("peer-a", initiator.open());

    PsiFixtures.Transcript t = PsiFixtures.run(initiator, session);

    assertThat(t.initiator().count()).isEqualTo(23);
    assertThat(t.responder().count()).isEqualTo(23);
    assertThat(t.initiator().matched()).isEmpty();
    assertThat(t.responder().matched()).isEmpty();
  }

  /**
   * With B's key known to the test, β·x can be recomputed for every element A sent: in intersect
   * mode B answers in A's order (the control), in count mode the answer's order is unrelated to it.
   */
  @Test
  void countModeAnswersInAnOrderUnrelatedToTheQuestion() {
    List<PsiItem> shared = PsiFixtures.shared(40, 8);
    List<PsiItem> a = PsiFixtures.set("a", 200, shared, 9);
    List<PsiItem> b = PsiFixtures.set("b", 50, shared, 10);
    BlindingKey beta = BlindingKey.fixedForTestsOnly(PsiFixtures.BETA);

    for (PsiMode mode : PsiMode.values()) {
      PsiInitiator initiator = initiator(mode, a);
      PsiFixtures.Transcript t = PsiFixtures.run(initiator, fixedKeyResponder(mode, b, a.size()));
      List<byte[]> expected = new ArrayList<>();
      t.toResponder().stream().filter(c -> c.step() == PsiChunk.Step.CLIENT_BLINDED)
          .forEach(c -> {
            Elements e = beta.apply(c.elements(), WORKERS);
            for (int k = 0; k < e.size(); k++) {
              expected.add(e.get(k));
            }
          });
      List<byte[]> answered = new ArrayList<>();
      t.toInitiator().stream().filter(c -> c.step() == PsiChunk.Step.CLIENT_DOUBLE_BLINDED)
          .forEach(c -> {
            for (int k = 0; k < c.elements().size(); k++) {
              answered.add(c.elements().get(k));
            }
          });
      long samePosition = java.util.stream.IntStream.range(0, expected.size())
          .filter(k -> java.util.Arrays.equals(expected.get(k), answered.get(k))).count();
      if (mode == PsiMode.INTERSECT) {
        assertThat(samePosition).isEqualTo(a.size());
      } else {
        // a uniform permutation of 240 fixes on average one position
        assertThat(samePosition).isLessThan(8);
        assertThat(t.initiator().count()).isEqualTo(40);
      }
    }
  }

  @Test
  void countModeInitiatorReturnsTheResponderItsValuesShuffled() {
    List<PsiItem> shared = PsiFixtures.shared(30, 11);
    List<PsiItem> b = PsiFixtures.set("b", 170, shared, 12);
    PsiInitiator initiator = new PsiInitiator(PsiMode.COUNT, PsiSet.of(PsiFixtures.set("a", 60, shared, 13), WORKERS),
        BlindingKey.fixedForTestsOnly(PsiFixtures.ALPHA), POLICY, WORKERS);
    PsiFixtures.Transcript t = PsiFixtures.run(initiator, fixedKeyResponder(PsiMode.COUNT, b, 90));
    BlindingKey alpha = BlindingKey.fixedForTestsOnly(PsiFixtures.ALPHA);
    List<byte[]> expected = new ArrayList<>();
    t.toInitiator().stream().filter(c -> c.step() == PsiChunk.Step.SERVER_BLINDED).forEach(c -> {
      Elements e = alpha.apply(c.elements(), WORKERS);
      for (int k = 0; k < e.size(); k++) {
        expected.add(e.get(k));
      }
    });
    List<byte[]> returned = new ArrayList<>();
    t.toResponder().stream().filter(c -> c.step() == PsiChunk.Step.SERVER_DOUBLE_BLINDED).forEach(c -> {
      for (int k = 0; k < c.elements().size(); k++) {
        returned.add(c.elements().get(k));
      }
    });
    long samePosition = java.util.stream.IntStream.range(0, expected.size())
        .filter(k -> java.util.Arrays.equals(expected.get(k), returned.get(k))).count();
    assertThat(samePosition).isLessThan(8);
    assertThat(t.responder().count()).isEqualTo(30);
  }

  @Test
  void freshKeysMakeTwoSessionsOverTheSameSetUnlinkable() {
    List<PsiItem> a = PsiFixtures.set("a", 100, List.of(), 14);
    Set<String> first = blindedHex(a);
    Set<String> second = blindedHex(a);
    assertThat(first).hasSize(100).doesNotContainAnyElementsOf(second);
  }

  private Set<String> blindedHex(List<PsiItem> items) {
    PsiInitiator i = initiator(PsiMode.INTERSECT, items);
    i.onAccepted(new PsiMessages.Accepted(1, new byte[16], PsiMode.INTERSECT, 100, 64));
    Set<String> out = new HashSet<>();
    for (int c = 0; c < i.clientChunks(); c++) {
      Elements e = i.clientBlinded(c).elements();
      for (int k = 0; k < e.size(); k++) {
        out.add(java.util.HexFormat.of().formatHex(e.get(k)));
      }
    }
    return out;
  }

  @Test
  void invalidElementsAreRefusedAndTheSessionCanStillContinue() {
    List<PsiItem> b = PsiFixtures.set("b", 80, List.of(), 15);
    PsiInitiator initiator = initiator(PsiMode.INTERSECT, PsiFixtures.set("a", 64, List.of(), 16));
    PsiResponder session = responder(b, POLICY).open("peer-a", initiator.open());
    initiator.onAccepted(session.accepted());
    PsiChunk good = initiator.clientBlinded(0);
    byte[] id = session.sessionId();

    byte[][] bad = {
      new byte[32],                                              // identity
      java.util.HexFormat.of().parseHex("ff".repeat(32)),       // not canonical
      java.util.HexFormat.of().parseHex("01" + "00".repeat(31)), // odd: not a valid encoding
      Ristretto255.hashToGroup(new byte[] {1}).clone()           // made non-canonical below
    };
    bad[3][31] |= (byte) 0x80;
    for (byte[] e : bad) {
      byte[] raw = good.elements().rawBytes().clone();
      System.arraycopy(e, 0, raw, 32 * 7, 32);
      PsiChunk forged = new PsiChunk(id, PsiChunk.Step.CLIENT_BLINDED, PsiMode.INTERSECT, 0, 1, Elements.wrap(raw));
      assertThatThrownBy(() -> session.onClientBlinded(forged))
          .isInstanceOfSatisfying(PsiException.class, x -> assertThat(x.reason()).isEqualTo(PsiException.Reason.INVALID_ELEMENT));
    }
    assertThat(session.onClientBlinded(good)).isPresent();

    PsiChunk y = session.serverBlinded(0);
    byte[] raw = y.elements().rawBytes().clone();
    java.util.Arrays.fill(raw, 0, 32, (byte) 0);
    PsiChunk forgedY = new PsiChunk(id, PsiChunk.Step.SERVER_BLINDED, PsiMode.INTERSECT, 0, y.total(), Elements.wrap(raw));
    assertThatThrownBy(() -> initiator.onServerBlinded(forgedY))
        .isInstanceOfSatisfying(PsiException.class, x -> assertThat(x.reason()).isEqualTo(PsiException.Reason.INVALID_ELEMENT));
  }

  @Test
  void setsBelowTheMinimumAreRefusedOnBothSides() {
    List<PsiItem> big = PsiFixtures.set("b", 50, List.of(), 17);
    List<PsiItem> tiny = PsiFixtures.set("a", 9, List.of(), 18);
    assertReason(() -> responder(big, POLICY).open("peer-a", new PsiMessages.Open(1, PsiMode.INTERSECT, 9)),
        PsiException.Reason.SET_TOO_SMALL);
    assertReason(() -> responder(tiny, POLICY).open("peer-a", new PsiMessages.Open(1, PsiMode.INTERSECT, 50)),
        PsiException.Reason.SET_TOO_SMALL);
    assertReason(() -> initiator(PsiMode.INTERSECT, tiny), PsiException.Reason.SET_TOO_SMALL);
    PsiInitiator a = initiator(PsiMode.INTERSECT, big);
    assertReason(() -> a.onAccepted(new PsiMessages.Accepted(1, new byte[16], PsiMode.INTERSECT, 3, 64)),
        PsiException.Reason.SET_TOO_SMALL);
  }

  @Test
  void replayedReorderedForeignAndLateChunksAreRefused() {
    List<PsiItem> shared = PsiFixtures.shared(12, 19);
    PsiResponderSessions sessions = responder(PsiFixtures.set("b", 100, shared, 20), POLICY);
    PsiInitiator a = initiator(PsiMode.INTERSECT, PsiFixtures.set("a", 100, shared, 21));
    PsiResponder s = sessions.open("peer-a", a.open());
    a.onAccepted(s.accepted());
    PsiChunk first = a.clientBlinded(0);
    PsiChunk second = a.clientBlinded(1);

    assertReason(() -> s.onClientBlinded(second), PsiException.Reason.REPLAYED);
    a.onClientDoubleBlinded(s.onClientBlinded(first).orElseThrow());
    assertReason(() -> s.onClientBlinded(first), PsiException.Reason.REPLAYED);

    PsiResponder other = sessions.open("peer-a", a.open());
    assertReason(() -> other.onClientBlinded(second), PsiException.Reason.UNKNOWN_SESSION);
    assertReason(() -> sessions.session("peer-c", s.sessionId()), PsiException.Reason.UNKNOWN_SESSION);
    PsiChunk wrongStep = new PsiChunk(s.sessionId(), PsiChunk.Step.SERVER_DOUBLE_BLINDED, PsiMode.INTERSECT,
        1, second.total(), second.elements());
    assertReason(() -> s.onClientBlinded(wrongStep), PsiException.Reason.WRONG_STEP);

    PsiFixtures.Transcript t = continueRun(a, s, second);
    assertThat(t.initiator().count()).isEqualTo(12);
    assertReason(() -> sessions.session("peer-a", s.sessionId()), PsiException.Reason.UNKNOWN_SESSION);
    assertReason(() -> s.onClientBlinded(first), PsiException.Reason.UNKNOWN_SESSION);
  }

  private static PsiFixtures.Transcript continueRun(PsiInitiator a, PsiResponder s, PsiChunk second) {
    s.onClientBlinded(second).ifPresent(a::onClientDoubleBlinded);
    for (int j = 0; j < a.serverChunks(); j++) {
      a.onServerBlinded(s.serverBlinded(j));
    }
    PsiResult ra = a.result();
    PsiMessages.Finished f = null;
    for (int j = 0; j < a.serverChunks(); j++) {
      f = s.onServerDoubleBlinded(a.serverDoubleBlinded(j)).orElse(null);
    }
    a.onFinished(f);
    return new PsiFixtures.Transcript(List.of(), List.of(), ra, s.result().orElseThrow());
  }

  @Test
  void mismatchedModesAreRefused() {
    List<PsiItem> b = PsiFixtures.set("b", 100, List.of(), 22);
    PsiResponderSessions intersectOnly = responder(b, POLICY.withModes(Set.of(PsiMode.INTERSECT)));
    assertReason(() -> intersectOnly.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100)),
        PsiException.Reason.MODE_NOT_ALLOWED);

    PsiInitiator asksCount = initiator(PsiMode.COUNT, PsiFixtures.set("a", 100, List.of(), 23));
    PsiResponder intersecting = responder(b, POLICY).open("peer-a", new PsiMessages.Open(1, PsiMode.INTERSECT, 100));
    assertReason(() -> asksCount.onAccepted(intersecting.accepted()), PsiException.Reason.MODE_MISMATCH);

    PsiInitiator asksIntersect = initiator(PsiMode.INTERSECT, PsiFixtures.set("a", 100, List.of(), 23));
    asksIntersect.onAccepted(intersecting.accepted());
    PsiChunk x = asksIntersect.clientBlinded(0);
    PsiChunk relabelled = new PsiChunk(x.sessionId(), x.step(), PsiMode.COUNT, x.index(), x.total(), x.elements());
    assertReason(() -> intersecting.onClientBlinded(relabelled), PsiException.Reason.MODE_MISMATCH);
    assertReason(() -> intersecting.clientDoubleBlindedShuffled(0), PsiException.Reason.MODE_MISMATCH);
  }

  @Test
  void theResponderRefusesToRevealShuffledValuesBeforeAllChunksArrived() {
    PsiResponder s = responder(PsiFixtures.set("b", 100, List.of(), 24), POLICY)
        .open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100));
    assertReason(() -> s.clientDoubleBlindedShuffled(0), PsiException.Reason.WRONG_STEP);
  }

  @Test
  void aPeerThatMisreportsItsCountIsCaught() {
    List<PsiItem> shared = PsiFixtures.shared(15, 25);
    PsiInitiator a = initiator(PsiMode.INTERSECT, PsiFixtures.set("a", 40, shared, 26));
    PsiResponder s = responder(PsiFixtures.set("b", 40, shared, 27), POLICY).open("peer-a", a.open());
    PsiFixtures.run(a, s);
    assertReason(() -> a.onFinished(new PsiMessages.Finished(a.sessionId(), 14)), PsiException.Reason.INCONSISTENT);
  }

  @Test
  void sessionsPerHourAndItemsPerDayAreLimitedPerPeer() {
    PsiPolicy policy = POLICY.withBudget(2, 250);
    PsiResponderSessions s = responder(PsiFixtures.set("b", 100, List.of(), 28), policy);
    s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100));
    s.open("peer-b", new PsiMessages.Open(1, PsiMode.COUNT, 100));
    now.addAndGet(16 * 60_000L); // the first sessions expire, freeing the open-session slots
    s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100));
    assertReason(() -> s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 10)), PsiException.Reason.RATE_LIMITED);
    now.addAndGet(3_600_000L);
    assertReason(() -> s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100)), PsiException.Reason.BUDGET_EXHAUSTED);
    s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 50));
    now.addAndGet(24 * 3_600_000L);
    s.open("peer-b", new PsiMessages.Open(1, PsiMode.COUNT, 100));
    s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100)); // the day has passed
  }

  @Test
  void aSessionEndsAfterItsIdleTimeoutNotWhileMessagesArrive() {
    PsiResponderSessions s = responder(PsiFixtures.set("b", 100, List.of(), 29), POLICY);
    byte[] id = s.open("peer-a", new PsiMessages.Open(1, PsiMode.COUNT, 100)).sessionId();
    now.addAndGet(10 * 60_000L);
    s.session("peer-a", id);
    now.addAndGet(10 * 60_000L);
    assertThat(s.session("peer-a", id).sessionId()).isEqualTo(id);
    now.addAndGet(15 * 60_000L + 1);
    assertReason(() -> s.session("peer-a", id), PsiException.Reason.UNKNOWN_SESSION);
    assertThat(s.openSessions()).isZero();
  }

  @Test
  void aTestScalarMustBeCanonical() {
    assertThatThrownBy(() -> BlindingKey.fixedForTestsOnly("ff".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlindingKey.fixedForTestsOnly("00".repeat(32))).isInstanceOf(IllegalArgumentException.class);
  }

  static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, PsiException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PsiException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
