package io.distillwatch.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.template.NormalizedPrompt;
import io.distillwatch.template.PromptNormalizer;
import io.distillwatch.template.TemplateSketcher;
import io.distillwatch.util.SharedData;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Single-thread throughput and memory of the detection hot path (not a test; figures go to
 * docs/bench/signals.md). Prompts: every record of ../shared/data/corpus when present, else
 * synthetic text. Rates are per CPU-second of the benchmark thread (so other load on a shared
 * machine does not distort them). Run: see docs/bench/signals.md.
 */
public final class DetectorBench {
  public static void main(String[] args) throws Exception {
    List<String> prompts = prompts();
    System.out.printf("prompts: %,d (mean %.0f chars)%n", prompts.size(),
        prompts.stream().mapToInt(String::length).average().orElse(0));

    PromptNormalizer n = new PromptNormalizer();
    TemplateSketcher sk = TemplateSketcher.unkeyed();
    long sink = 0;
    boolean detectorOnly = args.length > 0 && args[0].equals("detector");
    for (int round = 0; round < (detectorOnly ? 0 : 3); round++) {
      long t0 = cpu();
      int count = 0;
      for (int rep = 0; rep < 2; rep++) {
        for (String p : prompts) {
          NormalizedPrompt np = n.normalize(p);
          sink += np.headKey() ^ np.tailKey();
          count++;
        }
      }
      double normPerSec = count / ((cpu() - t0) / 1e9);
      t0 = cpu();
      count = 0;
      for (int rep = 0; rep < 2; rep++) {
        for (String p : prompts) {
          sink += sk.sketch(n.normalize(p)).bins();
          count++;
        }
      }
      double sketchPerSec = count / ((cpu() - t0) / 1e9);
      System.out.printf("round %d: normalise %,.0f prompts/s; normalise + 64-bin MinHash %,.0f prompts/s%n",
          round, normPerSec, sketchPerSec);
    }

    Detector d = new Detector(new DetectionContext(DetectionConfig.defaults(), Map.of(),
        Map.of("m1", new ModelInfo("m1", 0L, 8192)), Traffic.INTEL));
    Random r = new Random(1);
    int accounts = 2000;
    List<UsageEvent> events = new ArrayList<>();
    long t = Traffic.T0;
    for (int i = 0; i < 200_000; i++) {
      t += r.nextInt(200);
      UsageEvent e = Traffic.event("acct-" + r.nextInt(accounts), t, prompts.get(r.nextInt(prompts.size())));
      e.model = "m1";
      e.ip = (r.nextBoolean() ? "203.0.113." : "198.51.100.") + r.nextInt(256);
      e.maxTokens = r.nextBoolean() ? 8192 : 1024;
      e.temperature = r.nextBoolean() ? 0.0 : 1.0;
      e.inputTokens = 100L;
      e.outputTokens = 1000L;
      e.latencyMs = (long) r.nextInt(20_000);
      e.userAgent = "python-httpx/0.27";
      e.tlsFp = "t13d1516h2_8daaf6152771_02713d6af862";
      e.system = r.nextInt(4) == 0 ? "You are a helpful assistant. Think step by step." : null;
      events.add(e);
    }
    for (int round = 0; round < 4; round++) {
      Map<String, AccountState> states = new java.util.HashMap<>();
      long t0 = cpu();
      double score = 0;
      for (UsageEvent e : events) {
        AccountState s = states.computeIfAbsent(e.account, d::newState);
        d.update(s, e);
        score += d.assess(s).score();
      }
      double perSec = events.size() / ((cpu() - t0) / 1e9);
      System.out.printf("round %d: update + assess %,.0f events/s (%,d accounts, sum %.1f)%n", round, perSec,
          states.size(), score);
      if (round == 3) {
        long bytes = 0;
        for (AccountState s : states.values()) {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          s.write(new DataOutputStream(b));
          bytes += b.size();
        }
        System.out.printf("serialized state: %,d bytes per account after %,d events each%n",
            bytes / states.size(), events.size() / states.size());
      }
    }

    if (detectorOnly) {
      return;
    }
    // heap per account: 200k light accounts (5 events each)
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    AccountState[] light = new AccountState[200_000];
    for (int i = 0; i < light.length; i++) {
      light[i] = d.newState("acct-" + i);
      for (int k = 0; k < 5; k++) {
        d.update(light[i], events.get((i * 5 + k) % events.size()));
      }
    }
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    System.out.printf("heap: %,d bytes per light account (5 events)%n", (after - before) / light.length);
    light = null;
    System.gc();
    before = rt.totalMemory() - rt.freeMemory();
    AccountState[] heavy = new AccountState[20_000];
    for (int i = 0; i < heavy.length; i++) {
      heavy[i] = d.newState("acct-" + i);
      for (int k = 0; k < 200; k++) {
        d.update(heavy[i], events.get((i * 200 + k) % events.size()));
      }
    }
    System.gc();
    after = rt.totalMemory() - rt.freeMemory();
    System.out.printf("heap: %,d bytes per heavy account (200 varied events, top-k and sets full)%n",
        (after - before) / heavy.length);
    System.out.println(sink == 42 ? "" : "done");
  }

  /** CPU time of this thread, ns: figures per core, independent of other load on the machine. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static List<String> prompts() throws Exception {
    List<String> out = new ArrayList<>();
    var dir = SharedData.locate("corpus");
    if (dir.isPresent()) {
      ObjectMapper om = new ObjectMapper();
      for (String f : new String[] {"attack.jsonl.gz", "benign.jsonl.gz", "hard_negative.jsonl.gz",
          "harness_requests.jsonl.gz"}) {
        Path p = dir.get().resolve(f);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            String text = om.readTree(line).path("text").asText();
            out.add(text.length() > UsageEvent.MAX_TEXT_CHARS ? text.substring(0, UsageEvent.MAX_TEXT_CHARS) : text);
          }
        }
      }
      return out;
    }
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder("Solve the following problem step by step. ");
      for (int k = 0; k < 40; k++) {
        b.append("word").append(r.nextInt(5000)).append(' ');
      }
      out.add(b.toString());
    }
    return out;
  }
}
