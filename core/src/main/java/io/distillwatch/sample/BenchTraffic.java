package io.distillwatch.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic canonical events for benchmarks: {@code events} lines (about 700 bytes each, every field
 * a signal reads) spread over {@code accounts} accounts, in time order over one day, a mix of
 * conversational and templated single-turn traffic. Deterministic for a seed. Not for evaluation.
 */
public final class BenchTraffic {
  private static final String[] OPENERS = {
    "Can you help me understand", "Write a short summary of", "Solve the following problem and show every step:",
    "Explain step by step", "Grade this answer from 1 to 10 against the rubric:", "Translate into French:"
  };
  private static final String[] TOPICS = {
    "the causes of the first world war", "a binary search tree insertion", "the integral of x^2 sin x",
    "how vaccines train the immune system", "a sourdough starter schedule", "the CAP theorem"
  };

  private BenchTraffic() {}

  /** Writes the events to {@code file} (plain JSON Lines). */
  public static void write(Path file, long events, int accounts, long seed) throws IOException {
    Random random = new Random(seed);
    long start = 1_772_323_200_000L;
    long step = Math.max(1, 86_400_000L / Math.max(1, events));
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder sb = new StringBuilder(1024);
      for (long i = 0; i < events; i++) {
        int account = (int) (Math.abs(mix(i * 31 + seed)) % accounts);
        boolean scripted = account % 10 == 0;
        long ts = start + i * step;
        sb.setLength(0);
        sb.append("{\"ts\":\"").append(java.time.Instant.ofEpochMilli(ts)).append("\",\"request_id\":\"r")
            .append(i).append("\",\"account\":\"acct-").append(account).append("\",\"api_key\":\"key-")
            .append(account).append("\",\"model\":\"frontier-").append(1 + (i % 2))
            .append("\",\"ip\":\"").append(scripted ? "203.0.113." : "198.51.").append(scripted ? "" : (account % 250) + ".")
            .append(account % 250).append("\",\"asn\":").append(64500 + account % 50)
            .append(",\"country\":\"DE\",\"user_agent\":\"").append(scripted ? "python-httpx/0.27.2" : "Mozilla/5.0 Chrome/133.0")
            .append("\",\"tls_fp\":\"t13d1516h2_8daaf6152771_").append(scripted ? "02713d6af862" : "d8a2da3f94cd")
            .append("\",\"payment_fp\":\"pm-").append(account / 3).append("\",");
        if (scripted) {
          sb.append("\"system\":\"You are an expert assistant. Give a complete, detailed answer.\",");
        }
        sb.append("\"messages\":[{\"role\":\"user\",\"content\":\"")
            .append(OPENERS[scripted ? account % 3 + 2 : random.nextInt(OPENERS.length)]).append(' ')
            .append(TOPICS[random.nextInt(TOPICS.length)]).append(" (case ").append(random.nextInt(100_000))
            .append(")\"}],\"params\":{\"max_tokens\":").append(scripted ? 8192 : 1024)
            .append(",\"temperature\":").append(scripted ? "1.0" : "0.7").append(",\"n\":").append(scripted ? 4 : 1)
            .append(",\"stream\":true},\"usage\":{\"input_tokens\":").append(20 + random.nextInt(200))
            .append(",\"output_tokens\":").append(scripted ? 3000 + random.nextInt(4000) : 100 + random.nextInt(600))
            .append("},\"status\":200,\"latency_ms\":").append(400 + random.nextInt(9000)).append("}\n");
        w.append(sb);
      }
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static String size(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
