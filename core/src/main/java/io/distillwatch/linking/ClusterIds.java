package io.distillwatch.linking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Cluster ids (DESIGN §4): {@code c-} and the first 16 hex digits of SHA-256 of the smallest member id. */
public final class ClusterIds {
  private ClusterIds() {}

  public static String of(String smallestAccount) {
    return "c-" + sha256Hex(smallestAccount).substring(0, 16);
  }

  static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
