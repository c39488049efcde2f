package io.distillwatch.ingest;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** Offset of the first invalid byte relative to {@code offset}, or -1 when the range is valid UTF-8. */
  static int firstInvalid(byte[] b, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      // ASCII fast path: sixteen, then eight bytes at a time, as longs
      while (i + 16 <= end && (((long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8)) & HIGH_BITS) == 0) {
        i += 16;
      }
      while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
      }
      if (i >= end) {
        break;
      }
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min2;
      int max2 = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min2 = 0x80;
      } else if (c == 0xE0) {
        need = 2;
        min2 = 0xA0;
      } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
        need = 2;
        min2 = 0x80;
      } else if (c == 0xED) {
        need = 2;
        min2 = 0x80;
        max2 = 0x9F;
      } else if (c == 0xF0) {
        need = 3;
        min2 = 0x90;
      } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
        min2 = 0x80;
      } else if (c == 0xF4) {
        need = 3;
        min2 = 0x80;
        max2 = 0x8F;
      } else {
        return i - offset;
      }
      if (i + need >= end) {
        return i - offset; // truncated sequence
      }
      int c2 = b[i + 1] & 0xFF;
      if (c2 < min2 || c2 > max2) {
        return i - offset;
      }
      for (int k = 2; k <= need; k++) {
        int ck = b[i + k] & 0xFF;
        if (ck < 0x80 || ck > 0xBF) {
          return i - offset;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}
