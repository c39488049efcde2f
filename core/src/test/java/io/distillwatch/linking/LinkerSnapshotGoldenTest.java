package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.testing.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link IncrementalLinker} snapshot (operator state of the node's {@code link-accounts}) is pinned
 * by a golden file per format ({@code golden/linker-snapshot-v4.bin}, {@code -v5.bin}): the same
 * additions give the current format's bytes, its golden snapshot restores to the same clusters and
 * writes back unchanged, and a format-4 snapshot (taken by the release before {@code prompt_overlap}
 * and {@code exit_pool}) still restores to them and is rewritten in the current format (ADR 0068).
 */
class LinkerSnapshotGoldenTest {
  @Test
  void aFixedSequenceOfEvidenceSnapshotsToTheGoldenBytesAndRestores() throws IOException {
    IncrementalLinker linker = fixed();
    String name = "linker-snapshot-v" + IncrementalLinker.FORMAT + ".bin";

    GoldenFiles.assertSame(name, snapshot(linker));

    IncrementalLinker restored =
        IncrementalLinker.readFrom(new DataInputStream(new ByteArrayInputStream(GoldenFiles.read(name))), LinkPolicy.defaults());
    assertThat(restored.accounts()).isEqualTo(linker.accounts());
    assertThat(restored.clusters()).isEqualTo(linker.clusters());
    for (String a : List.of("acct-a", "acct-b", "acct-c", "acct-d", "acct-e")) {
      assertThat(restored.clusterIdOf(a)).as(a).isEqualTo(linker.clusterIdOf(a));
      assertThat(restored.lineageOf(a)).as(a).isEqualTo(linker.lineageOf(a));
    }
    assertThat(snapshot(restored)).isEqualTo(GoldenFiles.read(name));
  }

  @Test
  void aFormat4SnapshotOfTheSameSequenceRestoresAndUpgrades() throws IOException {
    IncrementalLinker linker = fixed();

    IncrementalLinker restored = IncrementalLinker.readFrom(
        new DataInputStream(new ByteArrayInputStream(GoldenFiles.read("linker-snapshot-v4.bin"))), LinkPolicy.defaults());

    assertThat(restored.accounts()).isEqualTo(linker.accounts());
    assertThat(restored.clusters()).isEqualTo(linker.clusters());
    for (String a : List.of("acct-a", "acct-b", "acct-c", "acct-d", "acct-e")) {
      assertThat(restored.clusterIdOf(a)).as(a).isEqualTo(linker.clusterIdOf(a));
      assertThat(restored.lineageOf(a)).as(a).isEqualTo(linker.lineageOf(a));
      assertThat(restored.linksOf(a)).as(a).isEqualTo(linker.linksOf(a));
    }
    assertThat(snapshot(restored)).as("rewritten in the current format").isEqualTo(snapshot(linker));
  }

  /** Cards, a shared network with a system prompt (weak pairs adding up), and a lone account. */
  private static IncrementalLinker fixed() {
    IncrementalLinker l = new IncrementalLinker(LinkPolicy.defaults());
    add(l, "acct-b", LinkKind.PAYMENT_FP.key("pm-1"));
    add(l, "acct-a", LinkKind.PAYMENT_FP.key("pm-1"), LinkKind.IP_PREFIX.key("203.0.113.0/24"));
    add(l, "acct-c", LinkKind.IP_PREFIX.key("203.0.113.0/24"), LinkKind.SYSTEM_PROMPT.key("9d595249ff795cfd"));
    add(l, "acct-d", LinkKind.IP_PREFIX.key("203.0.113.0/24"), LinkKind.SYSTEM_PROMPT.key("9d595249ff795cfd"),
        LinkKind.TLS_FP.key("t13d1516h2_8daaf6152771 python-httpx"));
    add(l, "acct-c", LinkKind.TLS_FP.key("t13d1516h2_8daaf6152771 python-httpx"));
    add(l, "acct-e", LinkKind.PAYMENT_FP.key("pm-9"));
    return l;
  }

  private static void add(IncrementalLinker l, String account, String... keys) {
    List<String> examples = new ArrayList<>();
    for (String k : keys) {
      examples.add(k.substring(k.indexOf('|') + 1));
    }
    l.add(account, List.of(keys), examples);
  }

  private static byte[] snapshot(IncrementalLinker l) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    l.writeTo(new DataOutputStream(out));
    return out.toByteArray();
  }
}
