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
 * it is pinned like a stored format ({@code golden/usage-event-v1.bin}): a change needs a new golden
 * file and a new version of the Flink serializer's snapshot that still reads the old bytes.
 */
class UsageEventCodecGoldenTest {
  @Test
  void anEventWithEveryFieldEncodesToTheGoldenBytesAndBack() throws IOException {
    UsageEvent e = everyField();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UsageEventCodec.write(e, new DataOutputStream(out));

    GoldenFiles.assertSame("usage-event-v1.bin", out.toByteArray());

    UsageEvent read = UsageEventCodec.read(new DataInputStream(new ByteArrayInputStream(GoldenFiles.read("usage-event-v1.bin"))));
    assertThat(read).usingRecursiveComparison().isEqualTo(e);
  }

  @Test
  void anEventWithOnlyTheRequiredFieldsEncodesToTheGoldenBytes() throws IOException {
    UsageEvent e = new UsageEvent();
    e.ts = 1_772_409_600_000L;
    e.account = "acct-golden";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UsageEventCodec.write(e, new DataOutputStream(out));

    GoldenFiles.assertSame("usage-event-minimal-v1.bin", out.toByteArray());
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
