package io.distillwatch.node.crossref;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated traffic of one campaign spread over two providers (the demo and the cross-provider tests):
 * at provider A three harvesting accounts pay with the same card and send one chain-of-thought template
 * at volume; at provider B one account pays with that card and sends the same template, but less of
 * it, so B alone only finds it suspicious. Both providers also serve benign accounts on the same cloud
 * ASN and client library — a match on shared infrastructure must not flag them. B's campaign account
 * comes through a residential range. Events are canonical JSON lines (DESIGN §2), event times from {@code start}.
 */
public final class CrossProviderTraffic {
  public static final String CARD = "pm_camp_7731Xq";
  public static final String TLS = "t13d1516h2_8daaf6152771_02713d6af862";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CrossProviderTraffic() {}

  /** The accounts of a provider's traffic with their truth (campaign or benign). */
  public record Provider(List<String> events, List<String> accounts, List<String> campaignAccounts) {
    public void write(Path dir) throws IOException {
      Files.createDirectories(dir);
      Files.write(dir.resolve("accounts.jsonl"), accounts, StandardCharsets.UTF_8);
      Files.write(dir.resolve("events.jsonl"), events, StandardCharsets.UTF_8);
    }
  }

  public static Provider providerA(long start) {
    return provider("a", start, 3, 220, true, 11);
  }

  public static Provider providerB(long start) {
    return provider("b", start, 1, 80, false, 23);
  }

  private static Provider provider(String p, long start, int campaignAccounts, int perAccount, boolean strong, long seed) {
    Random r = new Random(seed);
    List<String> events = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    List<String> campaign = new ArrayList<>();
    for (int a = 1; a <= campaignAccounts; a++) {
      String id = p + "-acct-" + (1000 + a * 37);
      campaign.add(id);
      // B's account is an older one the campaign bought or took over: not fresh, and its client is consistent
      accounts.add(account(id, start - (strong ? 3 : 400) * 86_400_000L, CARD, "mail-" + p + a + ".example"));
      for (int i = 0; i < perAccount; i++) {
        ObjectNode e = base(id, start + i * 30_000L + r.nextInt(5_000), "req-" + id + "-" + i);
        e.put("prompt", "Solve the following problem step by step and show your reasoning. Problem " + (i * 13 + a)
            + ": compute the value of the expression for the given inputs and justify every step carefully"
            + " considering all of the edge cases that might arise in variant " + Integer.toHexString(i * 7919 + a));
        ObjectNode params = e.putObject("params");
        params.put("max_tokens", 8192);
        if (strong) {
          params.put("reasoning_effort", "high");
          params.put("n", 4);
          params.put("logprobs", true);
          params.put("top_logprobs", 20);
        }
        e.putObject("usage").put("input_tokens", 60).put("output_tokens", strong ? 4000 : 1200);
        if (!strong) {
          e.remove("user_agent");
        }
        if (strong) {
          e.put("ip", "203.0.113." + (10 + r.nextInt(40)));
        } else { // B's leg of the campaign comes through a residential range
          e.put("ip", "73.15.200." + (10 + r.nextInt(40)));
          e.put("asn", 7922);
        }
        e.put("payment_fp", CARD);
        events.add(e.toString());
      }
    }
    String[] words = {"river", "garden", "recipe", "violin", "budget", "holiday", "cousin", "kitten", "poem",
        "laptop", "museum", "train", "winter", "coffee", "market", "letter", "bicycle", "concert", "invoice",
        "meeting", "garage", "lecture", "harbour", "novel"};
    for (int b = 1; b <= 6; b++) {
      String id = p + "-user-" + (200 + b * 11);
      accounts.add(account(id, start - 400L * 86_400_000L, "pm_user_" + p + b, "corp" + b + ".example"));
      long t = start;
      for (int i = 0; i < 40; i++) {
        t += 300_000L + r.nextInt(3_600_000);
        ObjectNode e = base(id, t, "req-" + id + "-" + i);
        StringBuilder q = new StringBuilder(i % 2 == 0 ? "could you help me with" : "what do you think about");
        for (int w = 0; w < 6 + r.nextInt(6); w++) {
          q.append(' ').append(words[r.nextInt(words.length)]);
        }
        ObjectNode turns = JSON.createObjectNode();
        e.putArray("messages").add(turns.put("role", "user").put("content", "earlier question " + r.nextInt(1000)))
            .add(JSON.createObjectNode().put("role", "assistant").put("content", "an earlier answer"))
            .add(JSON.createObjectNode().put("role", "user").put("content", q.toString()));
        e.putObject("usage").put("input_tokens", 300 + r.nextInt(200)).put("output_tokens", 150 + r.nextInt(100));
        e.put("ip", "192.0.2." + (100 + b));
        e.put("payment_fp", "pm_user_" + p + b);
        events.add(e.toString());
      }
    }
    events.sort((x, y) -> Long.compare(ts(x), ts(y)));
    return new Provider(events, accounts, campaign);
  }

  private static long ts(String line) {
    try {
      return JSON.readTree(line).path("ts").asLong();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode base(String account, long ts, String requestId) {
    ObjectNode e = JSON.createObjectNode();
    e.put("ts", ts);
    e.put("request_id", requestId);
    e.put("account", account);
    e.put("model", "frontier-large-2");
    e.put("asn", 16509);
    e.put("user_agent", "openai-python/1.40.0");
    e.put("tls_fp", TLS);
    return e;
  }

  private static String account(String id, long created, String card, String domain) {
    ObjectNode a = JSON.createObjectNode();
    a.put("account", id);
    a.put("created_at", java.time.Instant.ofEpochMilli(created).toString());
    a.put("email", "owner@" + domain);
    a.put("payment_fp", card);
    a.put("signup_path", "self-serve");
    return a.toString();
  }
}
