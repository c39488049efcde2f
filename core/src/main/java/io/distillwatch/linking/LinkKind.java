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
  CREATION_BURST("creation_burst");

  private final String code;

  LinkKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
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
