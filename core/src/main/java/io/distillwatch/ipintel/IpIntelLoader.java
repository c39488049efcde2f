package io.distillwatch.ipintel;

import io.distillwatch.ingest.InputFile;
import io.distillwatch.ingest.InputUnreadableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads {@code --ipintel DIR} (DESIGN §2) from files in the formats of the evaluation data; every file
 * is optional and may be gzipped (by content). Recognised names, in DIR:
 *
 * <ul>
 *   <li>{@code asn-*.csv}: {@code ip_start,ip_end,asn,as_org} (dotted IPv4; org may be quoted);
 *   <li>{@code ip-country-*.csv}: {@code start,end,CC} with integer or dotted IPv4 bounds ({@code ??}
 *       means unknown); {@code #} comments;
 *   <li>{@code input_<category>_ASN.txt}: one {@code AS<n>} per line, {@code # comment} allowed;
 *       addresses whose ASN is listed get the category;
 *   <li>{@code output_<category>_ipv4.txt} / {@code _ipv6.txt}, {@code tor-exit*.txt}: one CIDR or
 *       address per line;
 *   <li>{@code provider-ranges/<provider>-ipv4.txt} (or {@code -ipv6}): a provider's published
 *       ranges; the provider name decides the category: containing {@code apple} or {@code relay}
 *       gives PRIVACY_RELAY, {@code vpn} gives VPN, {@code tor} TOR_EXIT, {@code proxy} PROXY, any
 *       other CLOUD.
 * </ul>
 *
 * Category words: {@code datacenter}/{@code hosting} DATACENTER, {@code vpn} VPN, {@code tor}
 * TOR_EXIT, {@code proxy} PROXY, {@code cloud} CLOUD, {@code relay} PRIVACY_RELAY. Unparsable lines
 * are skipped and counted in {@link LoadedIpIntel#sources()}.
 */
public final class IpIntelLoader {
  private IpIntelLoader() {}

  /**
   * @throws InputUnreadableException when DIR is missing, not a directory, or a file in it cannot be read
   */
  public static LoadedIpIntel load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputUnreadableException("--ipintel " + dir + ": not a directory");
    }
    List<Source> sources = new ArrayList<>();
    for (Path f : list(dir)) {
      sources.add(new Source(f.getFileName().toString(), () -> Files.newInputStream(f)));
    }
    Path providerDir = dir.resolve("provider-ranges");
    if (Files.isDirectory(providerDir)) {
      for (Path f : list(providerDir)) {
        sources.add(new Source(PROVIDERS + f.getFileName(), () -> Files.newInputStream(f)));
      }
    }
    return new IpIntelLoader.Build(sources).run();
  }

  /** Folder of the shipped public data in the jar; its {@code INDEX} names the files (licences: {@code NOTICE}). */
  static final String SHIPPED = "/io/distillwatch/ipintel/shipped/";

  private static volatile LoadedIpIntel shipped;

  /**
   * The public IP intelligence shipped in the jar (DESIGN §2), used unless {@code --ipintel DIR}
   * replaces it or {@code --no-ipintel} turns it off. Loaded once per JVM.
   */
  public static LoadedIpIntel loadShipped() {
    LoadedIpIntel s = shipped;
    if (s == null) {
      synchronized (IpIntelLoader.class) {
        if (shipped == null) {
          shipped = new IpIntelLoader.Build(shippedSources()).run();
        }
        s = shipped;
      }
    }
    return s;
  }

  private static List<Source> shippedSources() {
    List<Source> out = new ArrayList<>();
    try (InputStream in = IpIntelLoader.class.getResourceAsStream(SHIPPED + "INDEX")) {
      if (in == null) {
        throw new IllegalStateException("shipped IP intelligence missing from the jar (" + SHIPPED + "INDEX)");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.trim();
        if (!name.isEmpty()) {
          out.add(new Source(name, () -> {
            InputStream r = IpIntelLoader.class.getResourceAsStream(SHIPPED + name);
            if (r == null) {
              throw new IOException("shipped IP intelligence file missing: " + name);
            }
            return r;
          }));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shipped IP intelligence: " + e.getMessage(), e);
    }
    return out;
  }

  private static final String PROVIDERS = "provider-ranges/";

  /** One file to load: its name relative to the folder, and how to open it. */
  private record Source(String name, Opener opener) {}

  @FunctionalInterface
  private interface Opener {
    InputStream open() throws IOException;
  }

  /** The category a file-name word stands for, or null. */
  static IpCategory categoryWord(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.contains("datacenter") || w.contains("hosting")) {
      return IpCategory.DATACENTER;
    }
    if (w.contains("relay")) {
      return IpCategory.PRIVACY_RELAY;
    }
    if (w.contains("vpn")) {
      return IpCategory.VPN;
    }
    if (w.contains("tor")) {
      return IpCategory.TOR_EXIT;
    }
    if (w.contains("proxy")) {
      return IpCategory.PROXY;
    }
    if (w.contains("cloud")) {
      return IpCategory.CLOUD;
    }
    return null;
  }

  /** The category of a provider-ranges file by provider name. */
  static IpCategory providerCategory(String provider) {
    String p = provider.toLowerCase(Locale.ROOT);
    if (p.contains("apple") || p.contains("relay")) {
      return IpCategory.PRIVACY_RELAY;
    }
    if (p.contains("vpn")) {
      return IpCategory.VPN;
    }
    if (p.startsWith("tor") || p.contains("-tor")) {
      return IpCategory.TOR_EXIT;
    }
    if (p.contains("proxy")) {
      return IpCategory.PROXY;
    }
    return IpCategory.CLOUD;
  }

  private static final class Build {
    private final List<Source> files;
    private final List<String> sources = new ArrayList<>();
    private Ipv4Ranges.Builder asn4;
    private final List<Long> asnNumbers = new ArrayList<>();
    private final List<String> asnOrgs = new ArrayList<>();
    private final Map<String, String> orgIntern = new HashMap<>();
    private Ipv4Ranges.Builder country4;
    private final List<String> countries = new ArrayList<>();
    private final Map<String, Integer> countryIndex = new HashMap<>();
    private final Map<IpCategory, Ipv4Ranges.Builder> cat4 = new EnumMap<>(IpCategory.class);
    private final Map<IpCategory, Ipv6Ranges.Builder> cat6 = new EnumMap<>(IpCategory.class);
    private final Map<IpCategory, Set<Long>> catAsns = new EnumMap<>(IpCategory.class);
    private final List<String> providers = new ArrayList<>();
    private final Ipv6Ranges.Builder provider6 = new Ipv6Ranges.Builder();

    Build(List<Source> files) {
      this.files = files;
    }

    LoadedIpIntel run() {
      for (Source f : files) {
        String name = f.name();
        if (name.startsWith(PROVIDERS)) {
          provider(f, name.substring(PROVIDERS.length()));
          continue;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String base = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        if (base.startsWith("asn-") && base.endsWith(".csv")) {
          loadAsn(f, name);
        } else if (base.startsWith("ip-country") && base.endsWith(".csv")) {
          loadCountry(f, name);
        } else if (base.startsWith("input_") && base.endsWith("_asn.txt")) {
          IpCategory c = categoryWord(base.substring(6, base.length() - 8));
          if (c != null) {
            loadAsnList(f, name, c);
          }
        } else if (base.startsWith("output_") && base.endsWith(".txt")) {
          IpCategory c = categoryWord(base.substring(7, base.length() - 4).replace("ipv4", "").replace("ipv6", ""));
          if (c != null) {
            loadCidrs(f, name, c, -1);
          }
        } else if (base.startsWith("tor-exit") && base.endsWith(".txt")) {
          loadCidrs(f, name, IpCategory.TOR_EXIT, -1);
        }
      }
      return new LoadedIpIntel(
          asn4 == null ? null : asn4.buildTable(),
          asnNumbers.stream().mapToLong(Long::longValue).toArray(),
          asnOrgs.toArray(new String[0]),
          country4 == null ? null : country4.buildTable(),
          countries.toArray(new String[0]),
          build4(cat4), build6(cat6), catAsns,
          providerTable(), provider6.size() == 0 ? null : provider6.build(true),
          providers.toArray(new String[0]), sources);
    }

    private void provider(Source f, String name) {
      String base = name.toLowerCase(Locale.ROOT).replaceAll("(\\.gz)?$", "").replaceAll("\\.(txt|csv)$", "");
      String provider = base.replaceAll("-ipv[46]$", "");
      int idx = providers.indexOf(provider);
      if (idx < 0) {
        idx = providers.size();
        providers.add(provider);
      }
      loadCidrs(f, PROVIDERS + name, providerCategory(provider), idx);
    }

    private Ipv4Ranges providerTable() {
      if (providerBuilders4.isEmpty()) {
        return null;
      }
      // merge each provider's ranges first, so nested prefixes of one provider cannot hide each other
      Ipv4Ranges.Builder b = new Ipv4Ranges.Builder();
      for (Ipv4Ranges.Builder pb : providerBuilders4.values()) {
        pb.buildSet().forEach(b::add);
      }
      return b.buildTable();
    }

    private final Map<Integer, Ipv4Ranges.Builder> providerBuilders4 = new java.util.TreeMap<>();

    private static Map<IpCategory, Ipv4Ranges> build4(Map<IpCategory, Ipv4Ranges.Builder> m) {
      Map<IpCategory, Ipv4Ranges> out = new EnumMap<>(IpCategory.class);
      m.forEach((k, v) -> {
        if (v.size() > 0) {
          out.put(k, v.buildSet());
        }
      });
      return out;
    }

    private static Map<IpCategory, Ipv6Ranges> build6(Map<IpCategory, Ipv6Ranges.Builder> m) {
      Map<IpCategory, Ipv6Ranges> out = new EnumMap<>(IpCategory.class);
      m.forEach((k, v) -> {
        if (v.size() > 0) {
          out.put(k, v.build(true));
        }
      });
      return out;
    }

    private void loadAsn(Source f, String name) {
      if (asn4 == null) {
        asn4 = new Ipv4Ranges.Builder();
      }
      int[] counts = new int[2];
      forEachLine(f, name, line -> {
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
        if (c3 < 0) {
          counts[1]++;
          return;
        }
        long start = IpAddresses.parseIpv4(line.substring(0, c1));
        long end = IpAddresses.parseIpv4(line.substring(c1 + 1, c2));
        long asn;
        try {
          asn = Long.parseLong(line.substring(c2 + 1, c3).trim());
        } catch (NumberFormatException e) {
          counts[1]++;
          return;
        }
        if (start == IpAddresses.NOT_IPV4 || end == IpAddresses.NOT_IPV4 || end < start) {
          counts[1]++;
          return;
        }
        String org = unquote(line.substring(c3 + 1).trim());
        asn4.add(start, end, asnNumbers.size());
        asnNumbers.add(asn);
        asnOrgs.add(org.isEmpty() ? null : orgIntern.computeIfAbsent(org, o -> o));
        counts[0]++;
      });
      sources.add(name + ": " + counts[0] + " ranges" + skipped(counts[1]));
    }

    private void loadCountry(Source f, String name) {
      if (country4 == null) {
        country4 = new Ipv4Ranges.Builder();
      }
      int[] counts = new int[2];
      forEachLine(f, name, line -> {
        String[] p = line.split(",");
        if (p.length < 3) {
          counts[1]++;
          return;
        }
        long start = ipv4OrInteger(p[0].trim());
        long end = ipv4OrInteger(p[1].trim());
        String cc = p[2].trim().toUpperCase(Locale.ROOT);
        if (start < 0 || end < start) {
          counts[1]++;
          return;
        }
        if (cc.isEmpty() || cc.equals("??")) {
          return;
        }
        int idx = countryIndex.computeIfAbsent(cc, k -> {
          countries.add(k);
          return countries.size() - 1;
        });
        country4.add(start, end, idx);
        counts[0]++;
      });
      sources.add(name + ": " + counts[0] + " ranges" + skipped(counts[1]));
    }

    private void loadAsnList(Source f, String name, IpCategory c) {
      Set<Long> set = catAsns.computeIfAbsent(c, k -> new HashSet<>());
      int[] counts = new int[2];
      forEachLine(f, name, line -> {
        String s = line;
        int hash = s.indexOf('#');
        if (hash >= 0) {
          s = s.substring(0, hash);
        }
        s = s.trim();
        if (s.regionMatches(true, 0, "AS", 0, 2)) {
          s = s.substring(2);
        }
        try {
          set.add(Long.parseLong(s));
          counts[0]++;
        } catch (NumberFormatException e) {
          counts[1]++;
        }
      });
      sources.add(name + ": " + counts[0] + " ASNs (" + c + ")" + skipped(counts[1]));
    }

    private void loadCidrs(Source f, String name, IpCategory c, int providerIdx) {
      Ipv4Ranges.Builder b4 = cat4.computeIfAbsent(c, k -> new Ipv4Ranges.Builder());
      Ipv6Ranges.Builder b6 = cat6.computeIfAbsent(c, k -> new Ipv6Ranges.Builder());
      Ipv4Ranges.Builder p4 = providerIdx < 0 ? null : providerBuilders4.computeIfAbsent(providerIdx, k -> new Ipv4Ranges.Builder());
      int[] counts = new int[2];
      forEachLine(f, name, line -> {
        String s = line;
        int hash = s.indexOf('#');
        if (hash >= 0) {
          s = s.substring(0, hash).trim();
        }
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        int prefix;
        long v4 = IpAddresses.parseIpv4(addr);
        try {
          prefix = slash < 0 ? (v4 == IpAddresses.NOT_IPV4 ? 128 : 32) : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
          counts[1]++;
          return;
        }
        if (v4 != IpAddresses.NOT_IPV4) {
          if (prefix < 0 || prefix > 32) {
            counts[1]++;
            return;
          }
          b4.addCidr(v4, prefix, 0);
          if (p4 != null) {
            p4.addCidr(v4, prefix, providerIdx);
          }
          counts[0]++;
          return;
        }
        long[] v6 = IpAddresses.parseIpv6(addr);
        if (v6 == null || prefix < 0 || prefix > 128) {
          counts[1]++;
          return;
        }
        b6.addCidr(v6, prefix, 0);
        if (providerIdx >= 0) {
          provider6.addCidr(v6, prefix, providerIdx);
        }
        counts[0]++;
      });
      sources.add(name + ": " + counts[0] + " ranges (" + c + ")" + skipped(counts[1]));
    }

    private static long ipv4OrInteger(String s) {
      if (!s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9') && s.length() <= 10) {
        long v = Long.parseLong(s);
        return v <= 0xFFFF_FFFFL ? v : -1;
      }
      return IpAddresses.parseIpv4(s);
    }

    private static String unquote(String s) {
      if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
      }
      return s;
    }

    private static String skipped(int n) {
      return n == 0 ? "" : ", " + n + " unparsable lines skipped";
    }
  }

  private static List<Path> list(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new InputUnreadableException("--ipintel: cannot list " + d + ": " + e.getMessage(), e);
    }
  }

  private static void forEachLine(Source f, String name, java.util.function.Consumer<String> c) {
    try (InputStream in = InputFile.maybeGunzip(f.opener().open());
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        c.accept(line.trim());
      }
    } catch (IOException e) {
      throw new InputUnreadableException("--ipintel: cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
