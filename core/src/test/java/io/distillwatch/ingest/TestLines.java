package io.distillwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: lines of a test resource under {@code ingest/}. */
final class TestLines {
  private TestLines() {}

  static List<String> resource(String name) {
    try (InputStream in = TestLines.class.getResourceAsStream("/ingest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
