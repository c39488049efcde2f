package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
  private static List<String> lines(String content, int max) throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), max);
    List<String> out = new ArrayList<>();
    while (r.next()) {
      assertThat(r.lineNumber()).isEqualTo(out.size() + 1);
      out.add(r.tooLong() ? "<too long " + r.physicalLength() + ">" : new String(r.buffer(), 0, r.length(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splitsOnNewlineStripsCrAndKeepsEmptyLines() throws IOException {
    assertThat(lines("a\r\nb\n\nc", 100)).containsExactly("a", "b", "", "c");
    assertThat(lines("a\n", 100)).containsExactly("a");
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("\n", 100)).containsExactly("");
  }

  @Test
  void skipsAByteOrderMarkOnTheFirstLine() throws IOException {
    assertThat(lines("\uFEFF{\"a\":1}\n\uFEFFx", 100)).containsExactly("{\"a\":1}", "\uFEFFx");
  }

  @Test
  void overLongLineIsSkippedToItsNewlineAndReadingGoesOn() throws IOException {
    assertThat(lines("short\n" + "x".repeat(50) + "\nafter", 10))
        .containsExactly("short", "<too long 50>", "after");
    assertThat(lines("x".repeat(10) + "\n" + "y".repeat(11), 10)).containsExactly("x".repeat(10), "<too long 11>");
  }

  @Test
  void tooLongLineKeepsAPrefixForTheExcerpt() throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream(("{\"k\": \"" + "z".repeat(10_000) + "\"}\n").getBytes(StandardCharsets.UTF_8)), 5000);
    assertThat(r.next()).isTrue();
    assertThat(r.tooLong()).isTrue();
    assertThat(r.length()).isEqualTo(LineReader.TOO_LONG_PREFIX_BYTES);
    assertThat(new String(r.buffer(), 0, 7, StandardCharsets.UTF_8)).isEqualTo("{\"k\": \"");
    assertThat(r.physicalLength()).isEqualTo(10_009);
    assertThat(r.next()).isFalse();
  }

  /** A 30 MB single line streams through a 16 MiB limit without holding more than the limit. */
  @Test
  void thirtyMegabyteLineDoesNotBlowTheHeap() throws IOException {
    long size = 30L * 1024 * 1024;
    InputStream in = new InputStream() {
      long served;

      @Override
      public int read() {
        return served < size ? (served++ == size - 1 ? '\n' : 'a') : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (served >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - served);
        java.util.Arrays.fill(b, off, off + n, (byte) 'a');
        served += n;
        if (served == size) {
          b[off + n - 1] = '\n';
        }
        return n;
      }
    };
    LineReader r = new LineReader(in);
    assertThat(r.next()).isTrue();
    assertThat(r.tooLong()).isTrue();
    assertThat(r.physicalLength()).isEqualTo(size - 1);
    assertThat(r.buffer().length).isLessThanOrEqualTo(LineReader.DEFAULT_MAX_LINE_BYTES + 1);
    var rej = EventParser.lineTooLong("big.jsonl", r.lineNumber(), r.buffer(), r.length(), r.physicalLength(), r.maxLineBytes());
    assertThat(rej.reason).isEqualTo("line_too_long");
    assertThat(rej.excerpt.length()).isLessThanOrEqualTo(200);
    assertThat(r.next()).isFalse();
  }

  /** Reads in random chunk sizes give the same lines as splitting the string. */
  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 42L, 20261126L})
  void chunkBoundariesDoNotMatter(long seed) throws IOException {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String l = "l" + i + "-" + "é".repeat(rnd.nextInt(40));
      expected.add(l);
      sb.append(l).append(rnd.nextBoolean() ? "\n" : "\r\n");
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + rnd.nextInt(7)));
      }
    };
    LineReader r = new LineReader(trickle, 1000);
    List<String> got = new ArrayList<>();
    while (r.next()) {
      got.add(new String(r.buffer(), 0, r.length(), StandardCharsets.UTF_8));
    }
    assertThat(got).as("seed %d", seed).isEqualTo(expected);
  }
}
