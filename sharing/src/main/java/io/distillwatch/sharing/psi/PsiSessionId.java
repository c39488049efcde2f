package io.distillwatch.sharing.psi;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Session ids: 16 random bytes, written as 32 lower-case hex digits. */
public final class PsiSessionId {

  public static final int BYTES = 16;

  private PsiSessionId() {}

  static byte[] random(SecureRandom random) {
    byte[] id = new byte[BYTES];
    random.nextBytes(id);
    return id;
  }

  public static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  /** Parses a session id; anything but 32 hex digits is {@link PsiException.Reason#MALFORMED}. */
  public static byte[] parse(String hex) {
    if (hex == null || !hex.matches("[0-9a-f]{32}")) {
      throw new PsiException(PsiException.Reason.MALFORMED, "a session id is 32 lower-case hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }
}
