package io.distillwatch.sharing.psi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PsiWireTest {

  private static PsiChunk chunk() {
    byte[] session = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    byte[] e = new byte[64];
    System.arraycopy(Ristretto255.hashToGroup(new byte[] {1}), 0, e, 0, 32);
    System.arraycopy(Ristretto255.hashToGroup(new byte[] {2}), 0, e, 32, 32);
    return new PsiChunk(session, PsiChunk.Step.SERVER_BLINDED, PsiMode.COUNT, 2, 5, Elements.wrap(e));
  }

  @Test
  void theChunkHeaderIsPinned() {
    byte[] bytes = PsiWire.encode(chunk());
    assertThat(HexFormat.of().formatHex(bytes, 0, PsiWire.HEADER))
        .isEqualTo("44575031" + "03" + "02" + "0000" + "00112233445566778899aabbccddeeff" + "00000002" + "00000005" + "00000002");
    assertThat(bytes).hasSize(PsiWire.HEADER + 64);
  }

  @Test
  void chunksAndMessagesSurviveTheRoundTrip() {
    PsiChunk c = chunk();
    PsiChunk back = PsiWire.decodeChunk(PsiWire.encode(c), 10);
    assertThat(back.sessionId()).isEqualTo(c.sessionId());
    assertThat(back.step()).isEqualTo(c.step());
    assertThat(back.mode()).isEqualTo(c.mode());
    assertThat(back.index()).isEqualTo(2);
    assertThat(back.total()).isEqualTo(5);
    assertThat(back.elements().rawBytes()).isEqualTo(c.elements().rawBytes());

    PsiMessages.Accepted a = new PsiMessages.Accepted(1, c.sessionId(), PsiMode.INTERSECT, 1000, 16384);
    PsiMessages.Accepted a2 = PsiWire.decodeAccepted(PsiWire.encode(a));
    assertThat(a2.sessionId()).isEqualTo(a.sessionId());
    assertThat(a2.mode()).isEqualTo(PsiMode.INTERSECT);
    assertThat(a2.serverSize()).isEqualTo(1000);
    assertThat(new String(PsiWire.encode(new PsiMessages.Open(1, PsiMode.COUNT, 7)), StandardCharsets.UTF_8))
        .isEqualTo("{\"version\":1,\"mode\":\"count\",\"client_size\":7}");
  }

  @Test
  void oversizedChunksAreRefused() {
    assertThatThrownBy(() -> PsiWire.decodeChunk(PsiWire.encode(chunk()), 1))
        .isInstanceOfSatisfying(PsiException.class, e -> assertThat(e.reason()).isEqualTo(PsiException.Reason.MALFORMED));
  }

  /** Seeded mutation fuzz: truncations and bit flips parse or are refused as MALFORMED, nothing else. */
  @Test
  void mutatedBytesAreRefusedAsMalformedOrParse() {
    long seed = 20261202L;
    Random r = new Random(seed);
    byte[] good = PsiWire.encode(chunk());
    byte[] json = PsiWire.encode(new PsiMessages.Accepted(1, new byte[16], PsiMode.COUNT, 5, 5));
    for (int i = 0; i < 2000; i++) {
      byte[] base = i % 2 == 0 ? good : json;
      byte[] m = java.util.Arrays.copyOf(base, r.nextInt(base.length + 1));
      if (m.length > 0) {
        m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
      }
      try {
        if (i % 2 == 0) {
          PsiWire.decodeChunk(m, 10);
        } else {
          PsiWire.decodeAccepted(m);
        }
      } catch (PsiException e) {
        assertThat(e.reason()).as("seed %d case %d", seed, i).isEqualTo(PsiException.Reason.MALFORMED);
      }
    }
  }
}
