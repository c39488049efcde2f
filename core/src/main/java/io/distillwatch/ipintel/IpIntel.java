package io.distillwatch.ipintel;

import java.util.EnumSet;
import java.util.Set;

/** Read-only IP intelligence (DESIGN §2, {@code --ipintel DIR}). Implementations are thread-safe. */
public interface IpIntel {
  /** What is known of an address; {@link IpInfo#UNKNOWN} for unparsable or unknown addresses. */
  IpInfo lookup(String ip);

  /**
   * Categories this intelligence can recognise; a signal that needs another one must be skipped (and
   * reported in {@code skipped_signals}), not treated as "not in that category". Defaults to all.
   */
  /**
   * Categories whose ASN lists name {@code asn} (e.g. datacenter, VPN): for an event whose address is
   * in no known range but which carries its own {@code asn} (DESIGN §2). Defaults to none.
   */
  default Set<IpCategory> asnCategories(long asn) {
    return EnumSet.noneOf(IpCategory.class);
  }

  default Set<IpCategory> available() {
    return EnumSet.allOf(IpCategory.class);
  }
}
