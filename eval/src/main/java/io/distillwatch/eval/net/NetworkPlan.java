package io.distillwatch.eval.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where simulated traffic comes from, drawn from the real IP data in {@code ipintel/} (DESIGN §7):
 * residential ISPs and offices chosen by AS organisation name from {@code asn-ipv4.csv.gz}, university
 * networks (AS names containing "Universit"), cloud providers' published ranges ({@code provider-ranges/}),
 * Apple private relay and VPN ranges, and hosting ranges ({@code output_datacenter_ipv4.txt}). Every address
 * is annotated with the ASN, AS organisation and country the same files give for it.
 */
public final class NetworkPlan {

  /** A residential or office ISP: its exact AS organisation name, country and fixed UTC offset (no DST). */
  public record Isp(String org, String country, double utcOffsetHours, int weight) {}

  /** Residential ISPs humans live behind, weighted roughly by API-user share. */
  public static final List<Isp> RESIDENTIAL =
      List.of(
          new Isp("Comcast Cable Communications, LLC", "US", -5, 14),
          new Isp("Charter Communications Inc", "US", -6, 10),
          new Isp("Cox Communications Inc.", "US", -8, 5),
          new Isp("Rogers Communications Canada Inc.", "CA", -5, 4),
          new Isp("Deutsche Telekom AG", "DE", 1, 7),
          new Isp("Orange S.A.", "FR", 1, 5),
          new Isp("British Telecommunications PLC", "GB", 0, 6),
          new Isp("Telecom Italia S.p.A.", "IT", 1, 3),
          new Isp("TELEFONICA DE ESPANA S.A.U.", "ES", 1, 3),
          new Isp("TELEFONICA BRASIL S.A", "BR", -3, 4),
          new Isp("Bharti Airtel Limited", "IN", 5.5, 6),
          new Isp("Korea Telecom", "KR", 9, 4),
          new Isp("KDDI CORPORATION", "JP", 9, 4),
          new Isp("Chunghwa Telecom Co., Ltd.", "TW", 8, 3),
          new Isp("Telstra Limited", "AU", 10, 3),
          new Isp("SingTel Optus Pty Ltd", "AU", 10, 2));

  /** Business lines offices sit behind. */
  public static final List<Isp> OFFICE =
      List.of(
          new Isp("Verizon Business", "US", -5, 4),
          new Isp("AT&T Enterprises, LLC", "US", -6, 3),
          new Isp("Deutsche Telekom AG", "DE", 1, 2),
          new Isp("British Telecommunications PLC", "GB", 0, 2),
          new Isp("KDDI CORPORATION", "JP", 9, 1),
          new Isp("Bell Canada", "CA", -5, 1));

  /** Cloud providers whose published ranges app backends and evaluation labs run in. */
  public static final List<String> CLOUDS =
      List.of("amazon", "google", "microsoft", "oracle", "digitalocean", "linode", "vultr");

  private final RangeTable asnTable;
  private final RangeTable countryTable;
  private final Map<String, List<RangeTable.Range>> ispRanges = new LinkedHashMap<>();
  private final List<RangeTable.Range> university;
  private final Map<String, List<long[]>> cloud = new LinkedHashMap<>();
  private final List<long[]> appleRelay;
  private final List<long[]> vpn;
  private final List<long[]> hosting;
  private final Path dir;
  /** Ranges of datacenter ASNs that no datacenter or cloud range list covers (loaded on first use). */
  private List<RangeTable.Range> unlisted;

  private NetworkPlan(Path dir) throws IOException {
    this.dir = dir;
    asnTable = RangeTable.loadAsn(dir.resolve("asn-ipv4.csv.gz"));
    countryTable = RangeTable.loadCountry(dir.resolve("ip-country-ipv4.csv.gz"));
    for (Isp isp : concat(RESIDENTIAL, OFFICE)) {
      ispRanges.computeIfAbsent(
          isp.org(),
          org -> {
            List<RangeTable.Range> rs =
                asnTable.select(org::equals).stream()
                    .filter(r -> r.size() >= 256 && isp.country().equals(country(r.start() + 1)))
                    .toList();
            if (rs.isEmpty()) {
              throw new IllegalStateException("no ranges for ISP " + org + " in " + dir);
            }
            return rs;
          });
    }
    university = asnTable.select(org -> org.contains("Universit")).stream().filter(r -> r.size() >= 256).toList();
    Path providers = dir.resolve("provider-ranges");
    for (String c : CLOUDS) {
      cloud.put(c, cidrs(providers.resolve(c + "-ipv4.txt"), 24));
    }
    appleRelay = cidrs(providers.resolve("apple-proxy-ipv4.txt"), 32);
    List<long[]> v = new ArrayList<>(cidrs(providers.resolve("protonvpn-ipv4.txt"), 32));
    v.addAll(cidrs(dir.resolve("output_vpn_ipv4.txt"), 32));
    vpn = v;
    hosting = cidrs(dir.resolve("output_datacenter_ipv4.txt"), 24);
  }

  /** Loads the plan from an {@code ipintel} directory. */
  public static NetworkPlan load(Path ipintelDir) throws IOException {
    if (!Files.isRegularFile(ipintelDir.resolve("asn-ipv4.csv.gz"))) {
      throw new IOException("no asn-ipv4.csv.gz in " + ipintelDir);
    }
    return new NetworkPlan(ipintelDir);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** IPv4 CIDRs of a list file with a prefix of at most {@code maxBits} bits (at least one address). */
  private static List<long[]> cidrs(Path file, int maxBits) throws IOException {
    List<long[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String s = line.trim();
      if (s.isEmpty() || s.startsWith("#") || s.contains(":")) {
        continue;
      }
      int slash = s.indexOf('/');
      int bits = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
      if (bits <= maxBits) {
        out.add(Ipv4.cidr(s));
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no usable IPv4 ranges in " + file);
    }
    return out;
  }

  private String country(long ip) {
    RangeTable.Range r = countryTable.find(ip);
    return r == null ? null : r.label();
  }

  /** The address annotated from the ASN and country tables. */
  public Egress at(long ip) {
    RangeTable.Range a = asnTable.find(ip);
    return new Egress(Ipv4.format(ip), a == null ? null : a.asn(), a == null ? null : a.label(), country(ip));
  }

  private static long inside(long first, long last, Random r) {
    long size = last - first + 1;
    if (size <= 2) {
      return first;
    }
    return first + 1 + (long) (r.nextDouble() * (size - 2));
  }

  private static Isp weighted(List<Isp> isps, Random r) {
    int total = isps.stream().mapToInt(Isp::weight).sum();
    int x = r.nextInt(total);
    for (Isp i : isps) {
      x -= i.weight();
      if (x < 0) {
        return i;
      }
    }
    throw new AssertionError("weights sum to " + total);
  }

  public Isp pickResidentialIsp(Random r) {
    return weighted(RESIDENTIAL, r);
  }

  public Isp pickOfficeIsp(Random r) {
    return weighted(OFFICE, r);
  }

  /** A random address of this ISP. */
  public Egress addressOf(Isp isp, Random r) {
    List<RangeTable.Range> rs = ispRanges.get(isp.org());
    RangeTable.Range range = rs.get(r.nextInt(rs.size()));
    return at(inside(range.start(), range.end(), r));
  }

  /** The first address of a random /28 of this ISP (an office block); use {@link #at} for the others. */
  public long officeBlock(Isp isp, Random r) {
    List<RangeTable.Range> rs = ispRanges.get(isp.org());
    RangeTable.Range range = rs.get(r.nextInt(rs.size()));
    return inside(range.start(), range.end() - 16, r) & ~15L;
  }

  public Egress university(Random r) {
    RangeTable.Range range = university.get(r.nextInt(university.size()));
    return at(inside(range.start(), range.end(), r));
  }

  private Egress fromCidrs(List<long[]> list, Random r) {
    long[] c = list.get(r.nextInt(list.size()));
    return at(inside(c[0], c[1], r));
  }

  public Egress appleRelay(Random r) {
    return fromCidrs(appleRelay, r);
  }

  public Egress vpn(Random r) {
    return fromCidrs(vpn, r);
  }

  /** An address in a cloud provider's published ranges ({@link #CLOUDS}). */
  public Egress cloud(String provider, Random r) {
    List<long[]> list = cloud.get(provider);
    if (list == null) {
      throw new IllegalArgumentException("unknown cloud " + provider);
    }
    return fromCidrs(list, r);
  }

  /**
   * An address announced by a datacenter ASN ({@code input_datacenter_ASN.txt}) that lies in none of the
   * published datacenter or cloud ranges: the event's {@code asn} says cloud, range lists do not.
   */
  public Egress unlistedCloud(Random r) {
    if (unlisted == null) {
      unlisted = loadUnlisted();
    }
    RangeTable.Range range = unlisted.get(r.nextInt(unlisted.size()));
    return at(inside(range.start(), range.end(), r));
  }

  private List<RangeTable.Range> loadUnlisted() {
    try {
      java.util.Set<Long> asns = new java.util.HashSet<>();
      for (String line : Files.readAllLines(dir.resolve("input_datacenter_ASN.txt"))) {
        String s = line.trim();
        if (s.startsWith("AS")) {
          int end = 2;
          while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
          }
          if (end > 2) {
            asns.add(Long.parseLong(s.substring(2, end)));
          }
        }
      }
      List<long[]> listed = new ArrayList<>(cidrs(dir.resolve("output_datacenter_ipv4.txt"), 32));
      cloud.values().forEach(listed::addAll);
      listed.sort(java.util.Comparator.comparingLong(c -> c[0]));
      List<long[]> merged = new ArrayList<>();
      for (long[] c : listed) {
        long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (last != null && c[0] <= last[1] + 1) {
          last[1] = Math.max(last[1], c[1]);
        } else {
          merged.add(new long[] {c[0], c[1]});
        }
      }
      listed = merged;
      List<RangeTable.Range> out = new ArrayList<>();
      for (RangeTable.Range range : asnTable.selectAsn(asns)) {
        if (range.size() >= 256 && !overlaps(listed, range.start(), range.end())) {
          out.add(range);
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("no datacenter-ASN range outside the published lists in " + dir);
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** True when [first, last] meets a range of the list (disjoint, sorted by start). */
  private static boolean overlaps(List<long[]> sorted, long first, long last) {
    int lo = 0;
    int hi = sorted.size() - 1;
    int idx = -1; // last range starting at or before `last`
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid)[0] <= last) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return idx >= 0 && sorted.get(idx)[1] >= first;
  }

  /** The base address of a /24 inside a hosting (datacenter) range. */
  public long hostingSubnet(Random r) {
    long[] c = hosting.get(r.nextInt(hosting.size()));
    return inside(c[0], c[1], r) & ~255L;
  }
}
