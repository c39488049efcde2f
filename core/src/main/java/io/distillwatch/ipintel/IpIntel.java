package io.distillwatch.ipintel;

/** Read-only IP intelligence (DESIGN §2, {@code --ipintel DIR}). Implementations are thread-safe. */
public interface IpIntel {
  /** What is known of an address; {@link IpInfo#UNKNOWN} for unparsable or unknown addresses. */
  IpInfo lookup(String ip);
}
