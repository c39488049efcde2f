package io.distillwatch.ipintel;

import java.util.EnumSet;
import java.util.Set;

/** What IP intelligence knows of one address. */
public final class IpInfo {
  public static final IpInfo UNKNOWN = new IpInfo(null, null, null, EnumSet.noneOf(IpCategory.class));

  private final Long asn;
  private final String asOrg;
  private final String country;
  private final Set<IpCategory> categories;
  private final String provider;

  public IpInfo(Long asn, String asOrg, String country, Set<IpCategory> categories) {
    this(asn, asOrg, country, categories, null);
  }

  /**
   * @param provider the published range list the address is in (e.g. {@code amazon}, {@code
   *     apple-proxy}, {@code protonvpn}), or null
   */
  public IpInfo(Long asn, String asOrg, String country, Set<IpCategory> categories, String provider) {
    this.provider = provider;
    this.asn = asn;
    this.asOrg = asOrg;
    this.country = country;
    this.categories = categories.isEmpty() ? EnumSet.noneOf(IpCategory.class) : EnumSet.copyOf(categories);
  }

  public Long asn() {
    return asn;
  }

  public String asOrg() {
    return asOrg;
  }

  public String country() {
    return country;
  }

  /** Name of the provider range list the address is in, or null; evidence for a reviewer. */
  public String provider() {
    return provider;
  }

  public boolean is(IpCategory category) {
    return categories.contains(category);
  }

  /** True when some category (datacenter, VPN, ...) is known for the address. */
  public boolean hasCategory() {
    return !categories.isEmpty();
  }

  public Set<IpCategory> categories() {
    return EnumSet.copyOf(categories.isEmpty() ? EnumSet.noneOf(IpCategory.class) : categories);
  }
}
