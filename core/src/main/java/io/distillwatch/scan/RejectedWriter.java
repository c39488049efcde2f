package io.distillwatch.scan;

import io.distillwatch.event.Rejection;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams {@code rejected.jsonl} as rejections arrive (a whole bad file must not be held in memory),
 * counting per reason and keeping the first few for the report.
 */
public final class RejectedWriter implements Closeable {
  /** Rejections kept in memory for the report. */
  public static final int SAMPLE_SIZE = 50;

  private final BufferedWriter out;
  private final Map<String, Long> byReason = new TreeMap<>();
  private final List<Rejection> sample = new ArrayList<>();
  private long count;

  public RejectedWriter(Path dir) {
    try {
      this.out = Files.newBufferedWriter(dir.resolve(ScanOutput.REJECTED), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(Rejection r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", r.file);
    m.put("line", r.line);
    m.put("reason", r.reason);
    m.put("detail", r.detail);
    m.put("excerpt", r.excerpt);
    try {
      out.write(ScanOutput.json().writeValueAsString(m));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byReason.merge(r.reason, 1L, Long::sum);
    if (sample.size() < SAMPLE_SIZE) {
      sample.add(r);
    }
    count++;
  }

  public long count() {
    return count;
  }

  public Map<String, Long> byReason() {
    return byReason;
  }

  public List<Rejection> sample() {
    return sample;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
