package io.distillwatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Surefire points {@code java.io.tmpdir} at {@code target/tmp}, which a fresh checkout lacks; JUnit's
 * {@code @TempDir} then fails. Test classes call {@link #ensure()} from a static initialiser.
 */
final class TmpDirs {
  private TmpDirs() {}

  static void ensure() {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
