package io.distillwatch.linking;

/** Kinds of evidence that two accounts are under common control (DESIGN §4 {@code links[].kind}). */
public enum LinkKind {
  PAYMENT_FP("payment_fp"),
  IP("ip"),
  IP_PREFIX("ip_prefix"),
  ASN("asn"),
  TLS_FP("tls_fp"),
  SYSTEM_PROMPT("system_prompt"),
  TEMPLATE("template"),
  COACTIVITY("coactivity"),
  CREATION_BURST("creation_burst"),
  /** A substantive prompt sent verbatim; weighed by rarity and summed over the prompts a pair shares. */
  PROMPT_OVERLAP("prompt_overlap"),
  /** Two /24 (or /64) prefixes used together; weighed by how exclusive the pair is to its holders. */
  EXIT_POOL("exit_pool");

  private final String code;

  LinkKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * Whether a pair's evidence of this kind is the sum over the values it shares (prompt overlap:
   * many rare prompts, not one) rather than its strongest value.
   */
  public boolean summed() {
    return this == PROMPT_OVERLAP;
  }

  /** The kind of an evidence key ({@code code|value}). */
  public static LinkKind ofKey(String key) {
    int bar = key.indexOf('|');
    String code = bar < 0 ? key : key.substring(0, bar);
    for (LinkKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown link kind in key: " + code);
  }

  /** An evidence key: the kind's code, '|', the value. */
  public String key(String value) {
    return code + '|' + value;
  }
}
