package io.distillwatch.node.psi;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The encodings an identifier could travel in: raw, JSON-escaped, hex, base64 (any alignment). */
final class LeakForms {

  private LeakForms() {}

  /** Forms of {@code value} as ISO-8859-1 strings (one char per byte), to search captured bytes. */
  static List<String> of(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(latin1(utf8));
    forms.add(latin1(new String(JsonStringEncoder.getInstance().quoteAsString(value)).getBytes(StandardCharsets.UTF_8)));
    String hex = HexFormat.of().formatHex(utf8);
    forms.add(hex);
    forms.add(hex.toUpperCase(Locale.ROOT));
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + utf8.length];
      System.arraycopy(utf8, 0, shifted, shift, utf8.length);
      for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String b64 = enc.withoutPadding().encodeToString(shifted);
        // drop characters that depend on the bytes before or after the value
        int from = (shift * 8 + 5) / 6;
        int to = (shifted.length * 8) / 6;
        if (to - from >= 6) {
          forms.add(b64.substring(from, to));
        }
      }
    }
    return forms;
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
