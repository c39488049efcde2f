package io.distillwatch.flink.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds retained checkpoints: Flink writes them as {@code DIR/<job id>/chk-<n>/_metadata}. */
public final class Checkpoints {
  private Checkpoints() {}

  /** The most recently completed checkpoint under {@code dir} (any job), or empty. */
  public static Optional<Path> latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(dir)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(Checkpoints::completed)
          .max(Comparator.comparing(Checkpoints::modified))
          .map(metadata -> metadata.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  private static Stream<Path> completed(Path jobDir) {
    try (Stream<Path> chks = Files.list(jobDir)) {
      return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .map(p -> p.resolve("_metadata"))
          .filter(Files::isRegularFile)
          .toList()
          .stream();
    } catch (IOException e) {
      return Stream.empty(); // a job directory removed while listing
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
