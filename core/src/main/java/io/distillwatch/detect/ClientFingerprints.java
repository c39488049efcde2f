package io.distillwatch.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies a user agent and a JA4 TLS fingerprint into client families ({@code browser},
 * {@code library}) from the shipped table {@code client-fingerprints.tsv}; a value that matches no row
 * is unknown (null). Immutable and thread-safe.
 */
final class ClientFingerprints {
  static final String RESOURCE = "client-fingerprints.tsv";

  private record Row(String family, List<String> patterns) {}

  private final List<Row> ua = new ArrayList<>();
  private final List<Row> tls = new ArrayList<>();

  private static final ClientFingerprints SHIPPED = load();

  static ClientFingerprints shipped() {
    return SHIPPED;
  }

  private static ClientFingerprints load() {
    ClientFingerprints c = new ClientFingerprints();
    try (InputStream in = ClientFingerprints.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\s+", 3);
        if (f.length != 3) {
          throw new IllegalStateException(RESOURCE + ": bad row: " + line);
        }
        List<String> patterns = new ArrayList<>();
        for (String p : f[2].split(",")) {
          if (!p.isBlank()) {
            patterns.add(p.strip().toLowerCase(Locale.ROOT));
          }
        }
        Row row = new Row(f[1], patterns);
        if (f[0].equals("ua")) {
          c.ua.add(row);
        } else if (f[0].equals("tls")) {
          c.tls.add(row);
        } else {
          throw new IllegalStateException(RESOURCE + ": unknown kind " + f[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  /** Family the user agent claims, or null. */
  String uaFamily(String userAgent) {
    if (userAgent == null) {
      return null;
    }
    String u = userAgent.toLowerCase(Locale.ROOT);
    for (Row r : ua) {
      for (String p : r.patterns) {
        if (u.contains(p)) {
          return r.family;
        }
      }
    }
    return null;
  }

  /** Family the TLS fingerprint belongs to, or null. */
  String tlsFamily(String ja4) {
    if (ja4 == null) {
      return null;
    }
    String t = ja4.toLowerCase(Locale.ROOT);
    for (Row r : tls) {
      for (String p : r.patterns) {
        if (glob(p, t)) {
          return r.family;
        }
      }
    }
    return null;
  }

  /** '*' matches any run, '?' one char; iterative with single backtrack point (linear in practice). */
  static boolean glob(String pattern, String s) {
    int p = 0;
    int i = 0;
    int star = -1;
    int mark = 0;
    while (i < s.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
        p++;
        i++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = i;
      } else if (star >= 0) {
        p = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
