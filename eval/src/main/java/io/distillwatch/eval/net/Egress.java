package io.distillwatch.eval.net;

/** An address requests leave from, with what IP intelligence says about it (null when unknown). */
public record Egress(String ip, Long asn, String asnOrg, String country) {

  /** The /24 this address is in, e.g. {@code 203.0.113.0/24}. */
  public String prefix24() {
    return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
  }
}
