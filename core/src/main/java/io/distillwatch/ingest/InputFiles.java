package io.distillwatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands {@code --events} arguments into input files. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Each argument is a file, a directory (all regular files beneath it, recursively, sorted by path,
   * skipping hidden files and hidden directories), or {@code -} for standard input. Order of the
   * arguments is kept. A directory with no files contributes nothing.
   *
   * @throws InputUnreadableException for a missing or unreadable path, naming it
   */
  public static List<InputFile> expand(List<String> args) {
    List<InputFile> out = new ArrayList<>();
    for (String arg : args) {
      if (InputFile.STDIN.equals(arg)) {
        out.add(InputFile.stdin());
        continue;
      }
      Path p = Path.of(arg);
      if (!Files.exists(p)) {
        throw new InputUnreadableException("input not found: " + arg);
      }
      if (Files.isDirectory(p)) {
        if (!Files.isReadable(p)) {
          throw new InputUnreadableException("input directory not readable: " + arg);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> !f.equals(p))
              .filter(f -> !hiddenBelow(p, f))
              .filter(Files::isRegularFile)
              .forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
          throw new InputUnreadableException("cannot list " + arg + ": " + e.getMessage(),
              e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause());
        }
        files.sort(null);
        for (Path f : files) {
          checkReadable(f, f.toString());
          out.add(InputFile.of(displayName(arg, p, f), f));
        }
      } else {
        checkReadable(p, arg);
        out.add(InputFile.of(arg, p));
      }
    }
    return out;
  }

  private static String displayName(String arg, Path dir, Path file) {
    String rel = dir.relativize(file).toString();
    return arg.endsWith("/") || arg.endsWith(java.io.File.separator) ? arg + rel : arg + java.io.File.separator + rel;
  }

  private static boolean hiddenBelow(Path root, Path f) {
    for (Path part : root.relativize(f)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void checkReadable(Path p, String name) {
    if (!Files.isRegularFile(p) && !Files.isReadable(p)) {
      throw new InputUnreadableException("input not readable: " + name);
    }
    if (!Files.isReadable(p)) {
      throw new InputUnreadableException("input not readable (permission denied): " + name);
    }
  }
}
