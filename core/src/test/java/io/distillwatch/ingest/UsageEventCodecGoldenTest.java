package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.testing.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link UsageEventCodec}'s layout is in the node's checkpoints (events waiting for the watermark), so
 * it is pinned like a stored format, one golden file per layout ({@code golden/usage-event-vN.bin},
 * {@code usage-event-minimal-vN.bin}): a change needs a new layout, its golden files, and a new layout
 * in the Flink serializer's snapshot ({@code flink.types.UsageEventSerializer}) that still reads the
 * old bytes. Layout 2 added the turn keys; layout-1 bytes still read, with turn keys 0.
 */
class UsageEventCodecGoldenTest {
  @Test
  void anEventWithEveryFieldEncodesToTheGoldenBytesAndBack() throws IOException {
    UsageEvent e = everyField();
    String name = "usage-event-v" + UsageEventCodec.LAYOUT + ".bin";

    GoldenFiles.assertSame(name, write(e, UsageEventCodec.LAYOUT));

    assertThat(read(GoldenFiles.read(name), UsageEventCodec.LAYOUT)).usingRecursiveComparison().isEqualTo(e);
  }

  @Test
  void anEventWithOnlyTheRequiredFieldsEncodesToTheGoldenBytes() throws IOException {
    GoldenFiles.assertSame("usage-event-minimal-v" + UsageEventCodec.LAYOUT + ".bin", write(minimal(), UsageEventCodec.LAYOUT));
  }

  @Test
  void layoutOneBytesStillReadWithNoTurnKeysAndWriteBackUnchanged() throws IOException {
    UsageEvent expected = everyField();
    expected.turnKey = 0;
    expected.priorTurnKey = 0;
    byte[] v1 = GoldenFiles.read("usage-event-v1.bin");

    UsageEvent read = read(v1, 1);

    assertThat(read).usingRecursiveComparison().isEqualTo(expected);
    assertThat(write(read, 1)).isEqualTo(v1);
    byte[] minimalV1 = GoldenFiles.read("usage-event-minimal-v1.bin");
    assertThat(read(minimalV1, 1)).usingRecursiveComparison().isEqualTo(minimal());
    assertThat(write(minimal(), 1)).isEqualTo(minimalV1);
  }

  private static UsageEvent minimal() {
    UsageEvent e = new UsageEvent();
    e.ts = 1_772_409_600_000L;
    e.account = "acct-golden";
    return e;
  }

  private static byte[] write(UsageEvent e, int layout) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UsageEventCodec.write(e, new DataOutputStream(out), layout);
    return out.toByteArray();
  }

  private static UsageEvent read(byte[] bytes, int layout) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    UsageEvent e = UsageEventCodec.read(in, layout);
    assertThat(in.available()).as("bytes left over").isZero();
    return e;
  }

  private static UsageEvent everyField() {
    UsageEvent e = new UsageEvent();
    e.ts = 1_772_409_600_123L;
    e.requestId = "req-1";
    e.account = "acct-golden";
    e.apiKey = "key-hash";
    e.model = "frontier-1";
    e.ip = "203.0.113.7";
    e.asn = 64500L;
    e.asnOrg = "EXAMPLE-ISP";
    e.country = "DE";
    e.userAgent = "python-httpx/0.27";
    e.tlsFp = "t13d1516h2_8daaf6152771";
    e.paymentFp = "pm-1";
    e.system = "You are a grader. Café ☕ \uD83D\uDE00";
    e.userText = "Explain step by step.";
    e.userTurns = 1;
    e.assistantTurns = 2;
    e.toolUseBlocks = 3;
    e.toolResultBlocks = 4;
    e.imageBlocks = 5;
    e.turnKey = 0x1122334455667788L;
    e.priorTurnKey = -2L;
    e.maxTokens = 8192;
    e.temperature = 0.7;
    e.topP = 0.95;
    e.n = 4;
    e.logprobs = true;
    e.topLogprobs = 5;
    e.reasoningEffort = "high";
    e.thinkingBudget = 32_000;
    e.tools = 2;
    e.stream = false;
    e.seed = 42L;
    e.inputTokens = 40L;
    e.outputTokens = 900L;
    e.reasoningTokens = 1200L;
    e.status = 200;
    e.latencyMs = 1500L;
    return e;
  }
}
