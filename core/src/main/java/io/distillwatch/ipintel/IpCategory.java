package io.distillwatch.ipintel;

/** Kinds of egress that IP intelligence can recognise. */
public enum IpCategory {
  /** Hosting and datacenter ranges or ASNs. */
  DATACENTER,
  /** Public cloud providers' published ranges. */
  CLOUD,
  /** Commercial VPN ranges or ASNs. */
  VPN,
  TOR_EXIT,
  /** Privacy relays used by ordinary people (e.g. Apple iCloud Private Relay). */
  PRIVACY_RELAY,
  /** Residential-proxy or reseller egress, when a list says so. */
  PROXY
}
