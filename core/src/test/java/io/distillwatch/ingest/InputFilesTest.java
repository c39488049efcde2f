package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  static {
    TmpDirs.ensure();
  }

  @TempDir Path dir;

  private static void gzip(Path p, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(InputFile f) throws IOException {
    try (InputStream in = f.open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void expandsDirectoriesRecursivelySortedSkippingHidden() throws IOException {
    Files.createDirectories(dir.resolve("logs/b"));
    Files.createDirectories(dir.resolve("logs/.git"));
    Files.writeString(dir.resolve("logs/b/2.jsonl"), "two\n");
    Files.writeString(dir.resolve("logs/1.jsonl"), "one\n");
    Files.writeString(dir.resolve("logs/.hidden"), "no\n");
    Files.writeString(dir.resolve("logs/.git/config"), "no\n");
    Path single = dir.resolve("x.jsonl");
    Files.writeString(single, "x\n");
    String logs = dir.resolve("logs").toString();
    List<InputFile> files = InputFiles.expand(List.of(single.toString(), logs, "-"));
    assertThat(files.stream().map(InputFile::name).collect(Collectors.toList()))
        .containsExactly(single.toString(), logs + "/1.jsonl", logs + "/b/2.jsonl", "-");
    assertThat(files.get(3).isStdin()).isTrue();
    assertThat(read(files.get(1))).isEqualTo("one\n");
  }

  @Test
  void gunzipsByContentNotByName() throws IOException {
    Path disguised = dir.resolve("events.jsonl");
    gzip(disguised, "{\"a\":1}\n");
    Path plainGz = dir.resolve("plain.gz");
    Files.writeString(plainGz, "not compressed\n");
    assertThat(read(InputFile.of("e", disguised))).isEqualTo("{\"a\":1}\n");
    assertThat(read(InputFile.of("p", plainGz))).isEqualTo("not compressed\n");
  }

  @Test
  void concatenatedGzipMembersAreReadWhole() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String part : List.of("a\n", "b\n")) {
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
        @Override
        public void close() throws IOException {
          finish();
        }
      }) {
        gz.write(part.getBytes(StandardCharsets.UTF_8));
      }
    }
    Path p = dir.resolve("multi.gz");
    Files.write(p, bytes.toByteArray());
    assertThat(read(InputFile.of("m", p))).isEqualTo("a\nb\n");
  }

  @Test
  void missingPathIsUnreadableWithItsName() {
    String missing = dir.resolve("nope.jsonl").toString();
    assertThatThrownBy(() -> InputFiles.expand(List.of(missing)))
        .isInstanceOf(InputUnreadableException.class)
        .hasMessageContaining(missing);
  }

  @Test
  void truncatedGzipFailsWithTheFileName() throws IOException {
    Path p = dir.resolve("cut.gz");
    gzip(p, "x".repeat(100_000) + "\n");
    byte[] all = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> {
      try (InputStream in = InputFile.of("cut.gz", p).open()) {
        LineReader r = new LineReader(in);
        while (r.next()) {
          // drain
        }
      }
    }).isInstanceOf(IOException.class).hasMessageContaining("cut.gz");
  }
}
