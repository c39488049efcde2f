package io.distillwatch.ipintel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IP intelligence held in sorted arrays: one binary search per table (ASN, country, each category,
 * provider). Immutable and thread-safe. Built by {@link IpIntelLoader}.
 */
public final class LoadedIpIntel implements IpIntel {
  private final Ipv4Ranges asn4;
  private final long[] asnNumbers;
  private final String[] asnOrgs;
  private final Ipv4Ranges country4;
  private final String[] countries;
  private final Map<IpCategory, Ipv4Ranges> cat4;
  private final Map<IpCategory, Ipv6Ranges> cat6;
  private final Map<IpCategory, Set<Long>> catAsns;
  private final Ipv4Ranges provider4;
  private final Ipv6Ranges provider6;
  private final String[] providers;
  private final Set<IpCategory> available;
  private final List<String> sources;

  LoadedIpIntel(
      Ipv4Ranges asn4, long[] asnNumbers, String[] asnOrgs,
      Ipv4Ranges country4, String[] countries,
      Map<IpCategory, Ipv4Ranges> cat4, Map<IpCategory, Ipv6Ranges> cat6, Map<IpCategory, Set<Long>> catAsns,
      Ipv4Ranges provider4, Ipv6Ranges provider6, String[] providers, List<String> sources) {
    this.asn4 = asn4;
    this.asnNumbers = asnNumbers;
    this.asnOrgs = asnOrgs;
    this.country4 = country4;
    this.countries = countries;
    this.cat4 = cat4;
    this.cat6 = cat6;
    this.catAsns = catAsns;
    this.provider4 = provider4;
    this.provider6 = provider6;
    this.providers = providers;
    this.sources = List.copyOf(sources);
    EnumSet<IpCategory> av = EnumSet.noneOf(IpCategory.class);
    av.addAll(cat4.keySet());
    av.addAll(cat6.keySet());
    // ASN lists apply through the IP-to-ASN table or an event's own asn
    av.addAll(catAsns.keySet());
    this.available = Collections.unmodifiableSet(av);
  }

  /** An instance that knows nothing (no directory given). */
  public static LoadedIpIntel empty() {
    return new LoadedIpIntel(null, new long[0], new String[0], null, new String[0],
        new EnumMap<>(IpCategory.class), new EnumMap<>(IpCategory.class), new EnumMap<>(IpCategory.class),
        null, null, new String[0], List.of());
  }

  /** Categories some loaded file can recognise; signals needing another category must be skipped. */
  @Override
  public Set<IpCategory> available() {
    return available;
  }

  /** True when an IP-to-ASN table was loaded. */
  public boolean hasAsn() {
    return asn4 != null;
  }

  /** True when an IP-to-country table was loaded. */
  public boolean hasCountry() {
    return country4 != null;
  }

  /** What was loaded, one line per file ({@code "asn-ipv4.csv.gz: 411961 ranges"}), for the summary. */
  public List<String> sources() {
    return sources;
  }

  @Override
  public Set<IpCategory> asnCategories(long asn) {
    EnumSet<IpCategory> cats = EnumSet.noneOf(IpCategory.class);
    for (Map.Entry<IpCategory, Set<Long>> e : catAsns.entrySet()) {
      if (e.getValue().contains(asn)) {
        cats.add(e.getKey());
      }
    }
    return cats;
  }

  @Override
  public IpInfo lookup(String ip) {
    if (ip == null || ip.isEmpty()) {
      return IpInfo.UNKNOWN;
    }
    String s = ip.trim();
    long v4 = IpAddresses.parseIpv4(s);
    long[] v6 = null;
    if (v4 == IpAddresses.NOT_IPV4) {
      v6 = IpAddresses.parseIpv6(s);
      if (v6 == null) {
        return IpInfo.UNKNOWN;
      }
      v4 = IpAddresses.mappedIpv4(v6);
      if (v4 != IpAddresses.NOT_IPV4) {
        v6 = null;
      }
    }
    EnumSet<IpCategory> cats = EnumSet.noneOf(IpCategory.class);
    Long asn = null;
    String org = null;
    String country = null;
    String provider = null;
    if (v6 == null) {
      if (asn4 != null) {
        int i = asn4.find(v4);
        if (i >= 0) {
          asn = asnNumbers[i];
          org = asnOrgs[i];
        }
      }
      if (country4 != null) {
        int i = country4.find(v4);
        if (i >= 0) {
          country = countries[i];
        }
      }
      for (Map.Entry<IpCategory, Ipv4Ranges> e : cat4.entrySet()) {
        if (e.getValue().contains(v4)) {
          cats.add(e.getKey());
        }
      }
      if (provider4 != null) {
        int p = provider4.find(v4);
        provider = p >= 0 ? providers[p] : null;
      }
    } else {
      for (Map.Entry<IpCategory, Ipv6Ranges> e : cat6.entrySet()) {
        if (e.getValue().find(v6[0], v6[1]) >= 0) {
          cats.add(e.getKey());
        }
      }
      if (provider6 != null) {
        int p = provider6.find(v6[0], v6[1]);
        provider = p >= 0 ? providers[p] : null;
      }
    }
    if (asn != null) {
      for (Map.Entry<IpCategory, Set<Long>> e : catAsns.entrySet()) {
        if (e.getValue().contains(asn)) {
          cats.add(e.getKey());
        }
      }
    }
    if (asn == null && country == null && cats.isEmpty() && provider == null) {
      return IpInfo.UNKNOWN;
    }
    return new IpInfo(asn, org, country, cats, provider);
  }
}
