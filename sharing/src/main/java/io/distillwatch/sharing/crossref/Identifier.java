package io.distillwatch.sharing.crossref;

import java.util.Locale;

/**
 * Every kind of identifier a node knows about its traffic, with how it may leave the node. The
 * disclosure of a kind is decided here and only here; {@link DisclosurePolicy} enforces it.
 * {@link #matchWeight} is how much a match on this kind says about an account (customer-level
 * identifiers say much, shared infrastructure little: benign users share cloud ranges).
 */
public enum Identifier {
  ASN("asn", Disclosure.CLEAR, 0.05),
  /** Datacenter or proxy range, IPv4 /24 or wider, IPv6 /48 or wider. */
  NETWORK_RANGE("network_range", Disclosure.CLEAR, 0.10),
  /** TLS fingerprint (JA3 hash or JA4) of a client library, not of one customer's build. */
  TLS_CLIENT("tls_client", Disclosure.CLEAR, 0.10),
  CAMPAIGN_PROFILE("campaign_profile", Disclosure.CLEAR, 0),
  PAYMENT_FINGERPRINT("payment_fingerprint", Disclosure.BLINDED, 1.0),
  /** Domain of a non-public mail provider (public mail domains are refused: they say nothing). */
  EMAIL_DOMAIN("email_domain", Disclosure.BLINDED, 0.5),
  /** Skeleton of a system prompt (literals stripped). */
  SYSTEM_PROMPT("system_prompt", Disclosure.BLINDED, 0.6),
  /** Keyed MinHash sketch of a prompt-template skeleton (its own wire format). */
  TEMPLATE_SKETCH("template_sketch", Disclosure.BLINDED, 0.6),
  /** Weights of PSI-only kinds apply to local PSI results (a peer holds the same item among its flagged ones). */
  IP_ADDRESS("ip_address", Disclosure.PSI_ONLY, 0.3),
  EMAIL_ADDRESS("email_address", Disclosure.PSI_ONLY, 0.8),
  ACCOUNT_ID("account_id", Disclosure.PSI_ONLY, 0),
  API_KEY("api_key", Disclosure.NEVER, 0),
  PROMPT_TEXT("prompt_text", Disclosure.NEVER, 0);

  private final String wireName;
  private final Disclosure disclosure;
  private final double matchWeight;

  Identifier(String wireName, Disclosure disclosure, double matchWeight) {
    this.wireName = wireName;
    this.disclosure = disclosure;
    this.matchWeight = matchWeight;
  }

  /** The name in indicators ({@code kind}) and configuration files. */
  public String wireName() {
    return wireName;
  }

  public Disclosure disclosure() {
    return disclosure;
  }

  public double matchWeight() {
    return matchWeight;
  }

  /** @throws IllegalArgumentException for an unknown name */
  public static Identifier fromWire(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (Identifier i : values()) {
      if (i.wireName.equals(n)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown identifier kind '" + name + "'");
  }
}
