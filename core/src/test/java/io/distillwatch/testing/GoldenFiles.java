package io.distillwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden bytes of saved or shared formats ({@code src/test/resources/golden/} of the module): one file
 * per format version, named {@code FORMAT-vN.EXT}, checked in and tested forever. A format change
 * without a new golden file fails: changed bytes under the same version mismatch, and a new version
 * has no file yet.
 *
 * <p>To add the file of a <em>new</em> version, run the test once with {@code -D}{@value #WRITE}:
 * it writes missing files and never overwrites an existing one — the bytes of a released version do
 * not change.
 */
public final class GoldenFiles {
  /** System property: write golden files that do not exist yet. */
  public static final String WRITE = "distillwatch.writeGolden";
  static final Path DIR = Path.of("src", "test", "resources", "golden");

  private GoldenFiles() {}

  /** The checked-in bytes of {@code name}; fails naming the file when there is none. */
  public static byte[] read(String name) {
    Path file = DIR.resolve(name);
    if (!Files.exists(file)) {
      throw new AssertionError("no golden file " + file.toAbsolutePath() + ": a new format version needs one"
          + " (write it with -D" + WRITE + "=true, check it in, and keep reading the previous versions)");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code actual} must be the golden bytes of {@code name} (written first when allowed and missing). */
  public static void assertSame(String name, byte[] actual) {
    Path file = DIR.resolve(name);
    if (!Files.exists(file) && Boolean.getBoolean(WRITE)) {
      try {
        Files.createDirectories(DIR);
        Files.write(file, actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(actual)
        .as("bytes of %s: the format changed without a new version and golden file", name)
        .isEqualTo(read(name));
  }
}
