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

  public IpInfo(Long asn, String asOrg, String country, Set<IpCategory> categories) {
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

  public boolean is(IpCategory category) {
    return categories.contains(category);
  }

  public Set<IpCategory> categories() {
    return EnumSet.copyOf(categories.isEmpty() ? EnumSet.noneOf(IpCategory.class) : categories);
  }
}
