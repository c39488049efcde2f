package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict UTF-8 validation agrees with the JDK's reporting decoder on random byte strings. */
class Utf8Test {
  private static boolean jdkValid(byte[] b, int off, int len) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void agreesWithTheJdkDecoder(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      int len = rnd.nextInt(48);
      byte[] b = new byte[len + 8];
      // mostly ASCII with valid multi-byte characters, sometimes a random byte: exercises both paths
      String text = randomText(rnd, len);
      byte[] enc = text.getBytes(StandardCharsets.UTF_8);
      int n = Math.min(enc.length, len);
      System.arraycopy(enc, 0, b, 4, n);
      if (rnd.nextInt(3) == 0 && n > 0) {
        b[4 + rnd.nextInt(n)] = (byte) rnd.nextInt(256);
      }
      boolean expected = jdkValid(b, 4, n);
      int bad = Utf8.firstInvalid(b, 4, n);
      assertThat(bad < 0).as("seed %d case %d bytes %s", seed, i, java.util.HexFormat.of().formatHex(b, 4, 4 + n)).isEqualTo(expected);
    }
  }

  private static String randomText(Random rnd, int len) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < len) {
      int kind = rnd.nextInt(10);
      if (kind < 6) {
        sb.append((char) (32 + rnd.nextInt(95)));
      } else if (kind < 8) {
        sb.append((char) (0x80 + rnd.nextInt(0x780)));
      } else if (kind < 9) {
        sb.append((char) (0x800 + rnd.nextInt(0xD000)));
      } else {
        sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000));
      }
    }
    return sb.toString();
  }
}
