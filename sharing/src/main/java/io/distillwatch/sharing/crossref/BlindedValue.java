package io.distillwatch.sharing.crossref;

import java.util.regex.Pattern;

/**
 * A blinded identifier: HMAC-SHA-256 under blinding key {@code keyId} of the identifier's kind and
 * normal form, as 64 lowercase hex digits. Equal identifiers under the same key give equal values.
 */
public record BlindedValue(Identifier kind, int keyId, String hex) {
  private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

  public BlindedValue {
    if (kind.disclosure() != Disclosure.BLINDED) {
      throw new IllegalArgumentException(kind.wireName() + " is not blinded");
    }
    if (!HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("a blinded value is 64 lowercase hex digits");
    }
  }

  /** Key of a hash index over blinded values. */
  public String indexKey() {
    return kind.wireName() + ":" + Integer.toUnsignedString(keyId) + ":" + hex;
  }
}
