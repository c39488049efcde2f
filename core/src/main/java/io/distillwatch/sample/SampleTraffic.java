package io.distillwatch.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.util.Times;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small labelled sample of API traffic for the demo, written from the project's own phrase lists
 * (no outside data): everyday users, a benchmark run, an app backend, and two scripted harvests, plus
 * a few broken lines and a retried request. Deterministic for a seed. Not an evaluation: the
 * simulator over real prompt pools is the measuring instrument.
 */
public final class SampleTraffic {
  static final long START = 1_772_323_200_000L; // 2026-03-01T00:00:00Z
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  private static final String[] TOPICS = {
    "a three-day trip to Lisbon", "my sourdough starter", "a birthday party for a seven year old",
    "learning the guitar as an adult", "a cover letter for a nursing job", "the French revolution",
    "training for a half marathon", "a vegetarian lasagna", "my tomato plants", "a budget spreadsheet",
    "the difference between TCP and UDP", "a bedtime story about a dragon", "negotiating my salary",
    "fixing a leaking tap", "a wedding toast for my sister", "the plot of Middlemarch"
  };
  private static final String[] OPENERS = {
    "Can you help me with %s?", "I need some ideas about %s.", "What should I know about %s?",
    "Could you explain %s simply?", "Give me a short plan for %s."
  };
  private static final String[] FOLLOW_UPS = {
    "Thanks! Can you make it shorter?", "What would you change if I had less time?",
    "Which of those is the cheapest?", "Can you give me an example?", "Why is that?"
  };
  private static final String[] CONTEXTS = {
    "I have about %d minutes.", "It's for %d people.", "My budget is %d euros.", "I'm %d years old.",
    "We are in Porto for %d days.", "I tried it %d times already.", "The kitchen is tiny, %d square metres.",
    "My kids are %d and 9.", "I only have %d ingredients.", "It needs to be ready by %d pm."
  };
  private static final String[] HARVEST_TEMPLATES = {
    "Solve the following problem and show every step of your reasoning before the final answer: %s",
    "Think step by step and articulate your internal reasoning in full, then answer: %s"
  };
  private static final String[] PAYLOAD_SUBJECTS = {
    "a train leaves at %d:00 travelling %d km/h; when does it arrive %d km away?",
    "find all integers x with %d x + %d = %d modulo 17",
    "a rectangle has perimeter %d and area %d; find its sides rounded to %d decimals",
    "compute the number of lattice paths in a %d by %d grid avoiding cell (%d,%d)"
  };
  private static final String[] BENCH_QUESTIONS = {
    "Which gas makes up most of Earth's atmosphere?", "What is %d multiplied by %d?",
    "Which planet is closest to the sun?", "What is the capital of country number %d in the list?",
    "How many sides does a polygon with interior angle sum %d degrees have?"
  };

  private final Random random;
  private final ObjectMapper json = new ObjectMapper();
  private final List<ObjectNode> events = new ArrayList<>();
  private final Map<String, String> truth = new LinkedHashMap<>();
  private final List<ObjectNode> accounts = new ArrayList<>();
  private int requestSeq;

  public SampleTraffic(long seed) {
    this.random = new Random(seed);
  }

  /** Writes events.jsonl.gz, accounts.jsonl, models.jsonl and truth.json into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    generate();
    events.sort(Comparator.comparingLong(e -> e.get("ts_ms").asLong()));
    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("events.jsonl.gz"))), StandardCharsets.UTF_8))) {
      int i = 0;
      for (ObjectNode e : events) {
        e.remove("ts_ms");
        w.write(json.writeValueAsString(e));
        w.write('\n');
        if (++i == 1000) {
          // A retried request (counted once) and lines a log shipper broke (reported, never dropped).
          w.write(json.writeValueAsString(e) + "\n");
          w.write("{\"ts\": \"2026-03-01T10:00:00Z\", \"account\": \"acct-user-01\", \"prompt\": \"cut off mid-li\n");
          w.write("not json at all\n");
          w.write("{\"ts\": \"yesterday\", \"account\": \"acct-user-02\", \"prompt\": \"hello\"}\n");
          w.write("{\"ts\": \"2026-03-01T10:00:00Z\", \"prompt\": \"no account\"}\n");
        }
      }
    }
    writeLines(dir.resolve("accounts.jsonl"), accounts);
    ObjectNode model = json.createObjectNode();
    model.put("model", "frontier-1").put("released_at", "2025-10-01T00:00:00Z").put("max_output_tokens", 8192);
    writeLines(dir.resolve("models.jsonl"), List.of(model));
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("truth.json").toFile(), truth);
  }

  public Map<String, String> truth() {
    return truth;
  }

  private void generate() {
    for (int u = 1; u <= 24; u++) {
      human(String.format("acct-user-%02d", u));
    }
    benchmarkLab("acct-evallab");
    appBackend("acct-app-backend");
    harvester("acct-harvest-1", 0);
    harvester("acct-harvest-2", 1);
    for (int m = 1; m <= HYDRA_ACCOUNTS; m++) {
      hydraMember(String.format("acct-hydra-%02d", m), m);
    }
    for (int m = 1; m <= 6; m++) {
      teamMember(String.format("acct-team-%02d", m));
    }
  }

  static final int HYDRA_ACCOUNTS = 24;

  /**
   * One of many light accounts of one operator: signed up in one burst on a disposable domain, paid
   * with one card, each sending a few dozen templated reasoning harvests from a pool of exits.
   */
  private void hydraMember(String account, int m) {
    ObjectNode a = label(account, "distillation", String.format("2026-02-28T0%d:%02d:00Z", m % 5, (m * 7) % 60), "api-trial");
    a.put("email_domain", "mailinator.com").put("verified", false).put("payment_fp", "pf-4be1c0a7");
    long t = START + random.nextInt(4 * 3_600_000);
    for (int i = 0; i < 20 + random.nextInt(10); i++) {
      ObjectNode e = base(account, t, "192.0.2." + (10 + random.nextInt(40)), "python-httpx/0.27.2");
      String payload = String.format(pick(PAYLOAD_SUBJECTS), random.nextInt(50) + 2,
          random.nextInt(90) + 10, random.nextInt(400) + 20, random.nextInt(5) + 1);
      e.putArray("messages").addObject().put("role", "user").put("content", String.format(HARVEST_TEMPLATES[0], payload));
      e.putObject("params").put("max_tokens", 8192).put("temperature", 1.0).put("reasoning_effort", "high");
      usage(e, 60, 5000 + random.nextInt(3000));
      e.with("usage").put("reasoning_tokens", 2000 + random.nextInt(2000));
      t += 20 * 60_000 + random.nextInt(60 * 60_000);
    }
  }

  /** A verified enterprise team on one company card and one office network: linked, and benign. */
  private void teamMember(String account) {
    human(account);
    ObjectNode a = accounts.get(accounts.size() - 1);
    a.put("signup_path", "enterprise").put("org_name", "Acme Logistics").put("payment_fp", "pf-acme-corp-01");
  }

  private void human(String account) {
    label(account, "benign", "2024-0" + (1 + random.nextInt(9)) + "-15T00:00:00Z", "self-serve");
    int offsetHours = random.nextInt(12) - 6;
    String ip = "198.51.100." + (10 + random.nextInt(200));
    for (int day = 0; day < 2; day++) {
      int sessions = 1 + random.nextInt(3);
      for (int s = 0; s < sessions; s++) {
        long t = START + day * DAY + (9 + random.nextInt(13) + offsetHours) * HOUR + random.nextInt(3_600_000);
        String topic = pick(TOPICS);
        String first = String.format(pick(OPENERS), topic);
        int turns = 1 + random.nextInt(4);
        List<String> convo = new ArrayList<>();
        convo.add(first);
        for (int turn = 0; turn < turns; turn++) {
          ObjectNode e = base(account, t, ip, "Mozilla/5.0 (Macintosh) Chrome/133.0");
          ArrayNode messages = e.putArray("messages");
          for (int i = 0; i < convo.size(); i++) {
            messages.addObject().put("role", "user").put("content", convo.get(i));
            if (i < convo.size() - 1) {
              messages.addObject().put("role", "assistant").put("content", "(earlier answer)");
            }
          }
          e.putObject("params").put("stream", true).put("temperature", 0.7);
          usage(e, 20 + 30 * turn, 200 + random.nextInt(500));
          convo.add(pick(FOLLOW_UPS));
          t += 40_000 + random.nextInt(240_000);
        }
      }
    }
  }

  private void benchmarkLab(String account) {
    label(account, "benign", "2023-06-01T00:00:00Z", "research");
    long t = START + 14 * HOUR;
    for (int i = 0; i < 1500; i++) {
      ObjectNode e = base(account, t, "203.0.113.40", "lm-eval-harness/0.4 python-requests/2.32");
      // A benchmark is a fixed list of distinct items, each asked once per run.
      String q = String.format(pick(BENCH_QUESTIONS), 100 + i, 7 + (i * 31) % 997) + " (item " + i + ")";
      e.put("prompt", "Question: " + q + "\nAnswer the question. Let's think step by step.\nAnswer:");
      e.putObject("params").put("temperature", 0.0).put("max_tokens", 512);
      usage(e, 60, 150 + random.nextInt(150));
      t += 900 + random.nextInt(400);
    }
  }

  private void appBackend(String account) {
    label(account, "benign", "2024-11-02T00:00:00Z", "startup");
    long t = START;
    while (t < START + 2 * DAY) {
      ObjectNode e = base(account, t, "203.0.113.90", "openai-python/1.40.0");
      e.put("system", "You are the friendly assistant inside the Cookwise recipe app. Keep answers short.");
      String topic = pick(TOPICS);
      // The app's users each ask their own question in their own words.
      String question = random.nextInt(3) == 0
          ? String.format(pick(OPENERS), topic)
          : pick(FOLLOW_UPS) + " " + String.format(pick(OPENERS), pick(TOPICS)).toLowerCase(java.util.Locale.ROOT);
      question += " " + String.format(pick(CONTEXTS), 2 + random.nextInt(30));
      e.putArray("messages").addObject().put("role", "user").put("content", question);
      e.putObject("params").put("temperature", 0.8).put("max_tokens", 700);
      usage(e, 80, 150 + random.nextInt(300));
      long hour = ((t - START) / HOUR) % 24;
      // Independent users: exponential gaps, busier by day.
      double mean = hour >= 8 && hour < 22 ? 45_000 : 180_000;
      t += (long) (-mean * Math.log(1 - random.nextDouble())) + 1;
    }
  }

  private void harvester(String account, int templateIndex) {
    ObjectNode a = label(account, "distillation", "2026-02-27T03:10:00Z", "education");
    a.put("email_domain", "mailinator.com").put("verified", false);
    long t = START + random.nextInt(600_000);
    String template = HARVEST_TEMPLATES[templateIndex];
    while (t < START + 2 * DAY) {
      ObjectNode e = base(account, t, "203.0.113." + (150 + templateIndex), "python-httpx/0.27.2");
      String payload = String.format(pick(PAYLOAD_SUBJECTS), random.nextInt(50) + 2,
          random.nextInt(90) + 10, random.nextInt(400) + 20, random.nextInt(5) + 1);
      e.put("system", "You are an expert assistant. Give a complete, detailed answer.");
      e.putArray("messages").addObject().put("role", "user").put("content", String.format(template, payload));
      e.putObject("params").put("max_tokens", 8192).put("temperature", 1.0).put("n", 4)
          .put("reasoning_effort", "high");
      usage(e, 60, 5000 + random.nextInt(3000));
      e.with("usage").put("reasoning_tokens", 2000 + random.nextInt(2000));
      t += 55_000 + random.nextInt(10_000);
    }
  }

  private ObjectNode label(String account, String label, String createdAt, String signupPath) {
    truth.put(account, label);
    ObjectNode a = json.createObjectNode();
    a.put("account", account).put("created_at", createdAt).put("signup_path", signupPath)
        .put("email_domain", "example.com").put("verified", true);
    accounts.add(a);
    return a;
  }

  private ObjectNode base(String account, long ts, String ip, String userAgent) {
    ObjectNode e = json.createObjectNode();
    e.put("ts_ms", ts);
    e.put("ts", Times.format(ts));
    e.put("request_id", "req-" + (++requestSeq));
    e.put("account", account);
    e.put("model", "frontier-1");
    e.put("ip", ip);
    e.put("user_agent", userAgent);
    events.add(e);
    return e;
  }

  private void usage(ObjectNode e, int input, int output) {
    e.putObject("usage").put("input_tokens", input).put("output_tokens", output);
    e.put("status", 200);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private void writeLines(Path file, List<ObjectNode> lines) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ObjectNode n : lines) {
        w.write(json.writeValueAsString(n));
        w.write('\n');
      }
    }
  }
}
