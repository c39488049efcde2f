package io.distillwatch.testing;

import io.distillwatch.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * How tests reach {@code ../shared/data} and the example files: without the data they skip, saying
 * what is missing; with {@code -D}{@value #REQUIRE} (what {@code .ci/run} passes) they fail instead,
 * so a run cannot go green by skipping.
 */
public final class SharedDataTests {
  /** System property that turns a skip for missing shared data or example files into a failure. */
  public static final String REQUIRE = "distillwatch.requireSharedData";

  private SharedDataTests() {}

  /** The shared data folder; skips (or fails when required) when it is absent. */
  public static Path require() {
    return SharedData.locate().orElseGet(() -> missing(SharedData.missing()));
  }

  /** A file or folder inside the shared data folder; skips (or fails when required) when absent. */
  public static Path require(String sub) {
    Path p = require().resolve(sub);
    return Files.exists(p) ? p : missing("shared data has no " + sub + " (looked for " + p + ")");
  }

  /** A file or folder a test needs; skips (or fails when required) naming it when absent. */
  public static Path requireFile(Path p, String what) {
    return Files.exists(p) ? p : missing(what + " missing: " + p.toAbsolutePath());
  }

  /** True when missing data fails the run instead of skipping. */
  public static boolean required() {
    return Boolean.getBoolean(REQUIRE);
  }

  private static <T> T missing(String what) {
    if (required()) {
      throw new AssertionError(what + " (-D" + REQUIRE + "=true: missing data fails the run)");
    }
    Assumptions.abort(what + ": skipped");
    throw new AssertionError("unreachable");
  }
}
