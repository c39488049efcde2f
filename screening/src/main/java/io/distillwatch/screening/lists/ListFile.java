package io.distillwatch.screening.lists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** A list file's bytes with their SHA-256; gzip is detected by its magic bytes, not the name. */
final class ListFile {
  /** Largest list file read, compressed size: 512 MiB. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  final Path path;
  final byte[] bytes;
  final String sha256;

  private ListFile(Path path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes;
    this.sha256 = sha256(bytes);
  }

  static ListFile read(Path path) throws ListFormatException {
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new ListFormatException(path + ": larger than " + MAX_BYTES + " bytes");
      }
      return new ListFile(path, Files.readAllBytes(path));
    } catch (IOException e) {
      throw new ListFormatException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  String name() {
    return path.getFileName().toString();
  }

  /** The content, decompressed when it is gzip. */
  InputStream open() throws IOException {
    InputStream raw = new ByteArrayInputStream(bytes);
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(raw, 1 << 16);
    }
    return raw;
  }

  /** The explicit date if given, else the file's modification date (UTC). */
  String fallbackDate(String listDateOption) {
    if (listDateOption != null && !listDateOption.isBlank()) {
      return listDateOption;
    }
    try {
      return Files.getLastModifiedTime(path).toInstant().atZone(ZoneOffset.UTC).toLocalDate()
          .toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
