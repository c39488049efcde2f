package io.distillwatch.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the evaluation data folder {@code ../shared/data} beside the project checkout. Evaluation
 * code and tests read it from there; it is never copied into the repository, and tests that need it
 * skip when {@link #locate()} is empty.
 */
public final class SharedData {
  /** System property (or environment variable {@code DISTILLWATCH_SHARED_DATA}) that overrides the search. */
  public static final String PROPERTY = "distillwatch.shared.data";

  private SharedData() {}

  /** The data folder, searching from the working directory upwards for a sibling {@code shared/data}. */
  public static Optional<Path> locate() {
    String explicit = System.getProperty(PROPERTY, System.getenv("DISTILLWATCH_SHARED_DATA"));
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (dir.getParent() != null && Files.isDirectory(candidate)) {
        return Optional.of(candidate.normalize());
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** A sub-folder of the data folder, if present. */
  public static Optional<Path> locate(String sub) {
    return locate().map(d -> d.resolve(sub)).filter(Files::exists);
  }

  /** Why tests that need the data are skipped. */
  public static String missingMessage() {
    return missing() + ": evaluation-data tests skipped";
  }

  /**
   * What is missing, naming the path: the folder {@code DISTILLWATCH_SHARED_DATA} (or {@code -D}{@value
   * #PROPERTY}) names, or the sibling {@code shared/data} searched for upwards from the working directory.
   */
  public static String missing() {
    String explicit = System.getProperty(PROPERTY, System.getenv("DISTILLWATCH_SHARED_DATA"));
    if (explicit != null && !explicit.isBlank()) {
      return "shared data folder " + Path.of(explicit).toAbsolutePath()
          + " (from -D" + PROPERTY + " or DISTILLWATCH_SHARED_DATA) is not a directory";
    }
    return "../shared/data not found beside " + Path.of("").toAbsolutePath() + " or any parent (set -D" + PROPERTY
        + "=DIR or DISTILLWATCH_SHARED_DATA)";
  }
}
