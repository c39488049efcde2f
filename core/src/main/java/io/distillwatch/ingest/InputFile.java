package io.distillwatch.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** One input: a file or standard input. Content starting with the gzip magic bytes is gunzipped. */
public final class InputFile {
  /** Name of standard input, as given on the command line and reported in {@code rejected.jsonl}. */
  public static final String STDIN = "-";

  private final String name;
  private final Path path;

  private InputFile(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  /** A file, reported under {@code name} (the path as the user gave it). */
  public static InputFile of(String name, Path path) {
    return new InputFile(name, path);
  }

  public static InputFile stdin() {
    return new InputFile(STDIN, null);
  }

  /** The name reported in {@code rejected.jsonl}: the path as given, or {@code "-"}. */
  public String name() {
    return name;
  }

  /** The file, or null for standard input. */
  public Path path() {
    return path;
  }

  public boolean isStdin() {
    return path == null;
  }

  /**
   * Opens the content, gunzipping it when it starts with the gzip magic bytes (whatever the file
   * name). Closing the stream of standard input does not close {@code System.in}.
   *
   * @throws InputUnreadableException when the file cannot be opened
   */
  public InputStream open() {
    InputStream raw;
    if (path == null) {
      raw = new FilterInputStream(System.in) {
        @Override
        public void close() {}
      };
    } else {
      try {
        raw = Files.newInputStream(path);
      } catch (IOException e) {
        throw new InputUnreadableException("cannot read " + name + ": " + describe(e), e);
      }
    }
    try {
      return new Named(name, maybeGunzip(raw));
    } catch (IOException e) {
      try {
        raw.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new InputUnreadableException("cannot read " + name + ": " + describe(e), e);
    }
  }

  /** Wraps a stream so that content starting with the gzip magic bytes is gunzipped. */
  public static InputStream maybeGunzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 64 * 1024);
    }
    return in;
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Adds the input's name to read errors (e.g. a truncated gzip member). */
  private static final class Named extends FilterInputStream {
    private final String name;

    Named(String name, InputStream in) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw wrap(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw wrap(e);
      }
    }

    private IOException wrap(IOException e) {
      return new IOException(name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }
}
