package io.distillwatch.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The shipped disposable e-mail domain list ({@code disposable-domains.txt}); matches subdomains too. */
public final class DisposableDomains {
  static final String RESOURCE = "disposable-domains.txt";
  private static final Set<String> DOMAINS = load();

  private DisposableDomains() {}

  private static Set<String> load() {
    Set<String> s = new HashSet<>();
    try (InputStream in = DisposableDomains.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          s.add(line.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(s);
  }

  static int size() {
    return DOMAINS.size();
  }

  /** The listed domain that {@code domain} is or is under, or null. */
  public static String match(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    while (!d.isEmpty()) {
      if (DOMAINS.contains(d)) {
        return d;
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return null;
      }
      d = d.substring(dot + 1);
    }
    return null;
  }
}
