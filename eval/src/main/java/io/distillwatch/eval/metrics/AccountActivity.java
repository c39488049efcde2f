package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Each account's request times (sorted, epoch ms), read from canonical event files. */
public final class AccountActivity {
  private final Map<String, long[]> times;

  public AccountActivity(Map<String, long[]> times) {
    Map<String, long[]> sorted = new TreeMap<>();
    times.forEach((k, v) -> {
      long[] c = v.clone();
      Arrays.sort(c);
      sorted.put(k, c);
    });
    this.times = Collections.unmodifiableMap(sorted);
  }

  /** Reads {@code ts} and {@code account} of every line (gzip if the name ends in .gz); bad lines are skipped. */
  public static AccountActivity read(Path... files) throws IOException {
    Map<String, long[]> buf = new HashMap<>();
    Map<String, Integer> len = new HashMap<>();
    JsonFactory f = new JsonFactory();
    for (Path file : files) {
      try (InputStream raw = Files.newInputStream(file);
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(
                      file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8),
                  1 << 16)) {
        String line;
        while ((line = in.readLine()) != null) {
          String account = null;
          Long ts = null;
          try (JsonParser p = f.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
              continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              JsonToken v = p.nextToken();
              if (name.equals("account") && v == JsonToken.VALUE_STRING) {
                account = p.getText();
              } else if (name.equals("ts")) {
                if (v == JsonToken.VALUE_STRING) {
                  ts = Times.parse(p.getText());
                } else if (v.isNumeric()) {
                  double d = p.getDoubleValue();
                  ts = d >= 1e11 ? (long) d : (long) (d * 1000);
                }
              } else {
                p.skipChildren();
              }
              if (account != null && ts != null) {
                break;
              }
            }
          } catch (IOException | RuntimeException e) {
            continue; // the scan counts and reports bad lines; here they carry no activity
          }
          if (account != null && ts != null) {
            long[] a = buf.computeIfAbsent(account, k -> new long[16]);
            int n = len.getOrDefault(account, 0);
            if (n == a.length) {
              a = Arrays.copyOf(a, n * 2);
              buf.put(account, a);
            }
            a[n] = ts;
            len.put(account, n + 1);
          }
        }
      }
    }
    Map<String, long[]> out = new HashMap<>();
    buf.forEach((k, v) -> out.put(k, Arrays.copyOf(v, len.get(k))));
    return new AccountActivity(out);
  }

  /** Sorted request times of an account (empty if none). */
  public long[] times(String account) {
    return times.getOrDefault(account, new long[0]);
  }

  public Map<String, long[]> all() {
    return times;
  }

  /** Requests of the account strictly before {@code t} (all of them when {@code t} is null). */
  public int before(String account, Long t) {
    long[] a = times(account);
    if (t == null) {
      return a.length;
    }
    int i = Arrays.binarySearch(a, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && a[i - 1] == t) {
      i--;
    }
    return i;
  }

  /** The latest request time of all accounts, or null when there is none. */
  public Long lastTime() {
    return times.values().stream().filter(a -> a.length > 0).mapToLong(a -> a[a.length - 1]).boxed().max(Long::compare).orElse(null);
  }
}
