package io.distillwatch.eval.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Sorted, non-overlapping IPv4 ranges each carrying a label (an AS number and organisation, or a country
 * code), looked up by binary search. Reads {@code asn-ipv4.csv.gz} ({@code ip_start,ip_end,asn,as_org},
 * dotted) and {@code ip-country-ipv4.csv.gz} ({@code start,end,CC}, integers, {@code #} comments).
 */
public final class RangeTable {
  private final long[] start;
  private final long[] end;
  private final long[] asn;
  private final String[] label;

  private RangeTable(long[] start, long[] end, long[] asn, String[] label) {
    this.start = start;
    this.end = end;
    this.asn = asn;
    this.label = label;
  }

  /** One range of the table. */
  public record Range(long start, long end, long asn, String label) {
    public long size() {
      return end - start + 1;
    }
  }

  public static RangeTable loadAsn(Path file) throws IOException {
    return load(file, true);
  }

  public static RangeTable loadCountry(Path file) throws IOException {
    return load(file, false);
  }

  private static RangeTable load(Path file, boolean asnFormat) throws IOException {
    List<long[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    Map<String, String> intern = new HashMap<>();
    try (InputStream raw = Files.newInputStream(file);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split(",", asnFormat ? 4 : 3);
        if (p.length < 3) {
          continue;
        }
        if (asnFormat) {
          String org = p.length > 3 ? unquote(p[3]) : "";
          rows.add(new long[] {Ipv4.parse(p[0]), Ipv4.parse(p[1]), Long.parseLong(p[2].trim())});
          labels.add(intern.computeIfAbsent(org, k -> k));
        } else {
          String cc = p[2].trim();
          if (cc.equals("??") || cc.isEmpty()) {
            continue;
          }
          rows.add(new long[] {Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()), 0});
          labels.add(intern.computeIfAbsent(cc, k -> k));
        }
      }
    }
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(rows.get(a)[0], rows.get(b)[0]));
    long[] s = new long[order.length];
    long[] e = new long[order.length];
    long[] a = new long[order.length];
    String[] l = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      long[] r = rows.get(order[i]);
      s[i] = r[0];
      e[i] = r[1];
      a[i] = r[2];
      l[i] = labels.get(order[i]);
    }
    return new RangeTable(s, e, a, l);
  }

  private static String unquote(String s) {
    s = s.trim();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }

  /** The range holding {@code ip}, or null. */
  public Range find(long ip) {
    int lo = 0;
    int hi = start.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (start[mid] > ip) {
        hi = mid - 1;
      } else if (end[mid] < ip) {
        lo = mid + 1;
      } else {
        return new Range(start[mid], end[mid], asn[mid], label[mid]);
      }
    }
    return null;
  }

  /** All ranges whose label satisfies the predicate, in address order. */
  public List<Range> select(Predicate<String> labelTest) {
    List<Range> out = new ArrayList<>();
    for (int i = 0; i < start.length; i++) {
      if (labelTest.test(label[i])) {
        out.add(new Range(start[i], end[i], asn[i], label[i]));
      }
    }
    return out;
  }

  /** All ranges of these AS numbers, in address order. */
  public List<Range> selectAsn(java.util.Set<Long> asns) {
    List<Range> out = new ArrayList<>();
    for (int i = 0; i < start.length; i++) {
      if (asns.contains(asn[i])) {
        out.add(new Range(start[i], end[i], asn[i], label[i]));
      }
    }
    return out;
  }

  public int size() {
    return start.length;
  }
}
