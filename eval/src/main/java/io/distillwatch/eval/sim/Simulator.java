package io.distillwatch.eval.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.NetworkPlan;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Generates a labelled month-in-the-life of an LLM API from real prompt pools and IP data, and writes it
 * as DESIGN §2 inputs plus the ground truth:
 *
 * <ul>
 *   <li>{@code events.jsonl.gz} — canonical events sorted by {@code ts} (ties: account, then generation order);
 *   <li>{@code accounts.jsonl} — the accounts file, sorted by account (only accounts that sent requests);
 *   <li>{@code models.jsonl} — the old model and the one released during the period;
 *   <li>{@code truth.json} — account → label, population, campaign; per-campaign first request;
 *   <li>{@code simulation.json} — volumes per population and how often pool prompts were reused.
 * </ul>
 *
 * Same config, pools and IP data give byte-identical files (the gzip header carries no time).
 */
public final class Simulator {
  public static final String EVENTS = "events.jsonl.gz";
  public static final String ACCOUNTS = "accounts.jsonl";
  public static final String MODELS = "models.jsonl";
  public static final String TRUTH = "truth.json";
  public static final String STATS = "simulation.json";

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SimConfig cfg;
  private final PromptPools pools;
  private final NetworkPlan net;

  public Simulator(SimConfig cfg, PromptPools pools, NetworkPlan net) {
    this.cfg = cfg;
    this.pools = pools;
    this.net = net;
  }

  /** Every population, benign first; campaigns a–k. Each draws from its own random stream. */
  static List<Population> populations() {
    return List.of(
        new Humans(),
        new EnterpriseTeams(),
        new AppBackends(),
        new Researchers(),
        new EvalLabs(),
        new CodingAgentBackends(),
        new HydraCampaign(),
        new ExtractionCampaign(),
        new ResellerCampaign(),
        new HeavyAccountCampaign(),
        new SlowLowCampaign(),
        new ThrowawayCampaign(),
        new PublicSetCampaign(),
        new FabricatedTraceCampaign(),
        new DeclaredPurposeCampaign(),
        new SubnetRotationCampaign(),
        new MultilingualReasoningCampaign());
  }

  /** Campaign ids in order (a–k). */
  public static List<String> campaignIds() {
    return populations().stream().map(Population::campaign).filter(java.util.Objects::nonNull).toList();
  }

  /** Population names of campaigns, by campaign id. */
  public static Map<String, String> campaignPopulations() {
    Map<String, String> out = new LinkedHashMap<>();
    populations().stream().filter(p -> p.campaign() != null).forEach(p -> out.put(p.campaign(), p.name()));
    return out;
  }

  /** The generated traffic, in memory. */
  public static final class Traffic {
    final List<SimEvent> events = new ArrayList<>();
    final Map<String, AccountRecord> accounts = new TreeMap<>();
    final Map<String, TruthLabel> truth = new TreeMap<>();
    final Map<String, String> apiKeys = new HashMap<>();

    public int eventCount() {
      return events.size();
    }

    public Map<String, TruthLabel> truth() {
      return truth;
    }
  }

  public Traffic generate() {
    Traffic t = new Traffic();
    for (Population p : populations()) {
      new SimContext(cfg, pools, net, p, t.events, t.accounts, t.truth, t.apiKeys).generate(p);
    }
    t.events.sort(Comparator.comparingLong((SimEvent e) -> e.ts).thenComparing(e -> e.account));
    // an account created too late to send anything is not part of the measured traffic
    java.util.Set<String> active = new java.util.HashSet<>();
    t.events.forEach(e -> active.add(e.account));
    t.accounts.keySet().retainAll(active);
    t.truth.keySet().retainAll(active);
    return t;
  }

  /** Generates and writes everything into {@code out} (created if needed); returns the traffic. */
  public Traffic run(Path out) throws IOException {
    Files.createDirectories(out);
    Traffic t = generate();
    writeEvents(t, out.resolve(EVENTS));
    writeAccounts(t, out.resolve(ACCOUNTS));
    writeModels(out.resolve(MODELS));
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(out.resolve(TRUTH).toFile(), truthJson(t, mapper));
    mapper.writeValue(out.resolve(STATS).toFile(), statsJson(t, mapper));
    return t;
  }

  static String ts(long ms) {
    return TS.format(Instant.ofEpochMilli(ms));
  }

  private void writeEvents(Traffic t, Path file) throws IOException {
    JsonFactory f = new JsonFactory();
    try (OutputStream os = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16);
        JsonGenerator g = f.createGenerator(os, JsonEncoding.UTF8)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.setPrettyPrinter(new MinimalPrettyPrinter(""));
      long seq = 0;
      for (SimEvent e : t.events) {
        writeEvent(g, e, String.format("req-%08x", seq++));
        g.writeRaw('\n');
      }
      g.flush();
    }
  }

  private static void writeEvent(JsonGenerator g, SimEvent e, String requestId) throws IOException {
    g.writeStartObject();
    g.writeStringField("ts", ts(e.ts));
    g.writeStringField("request_id", requestId);
    g.writeStringField("account", e.account);
    g.writeStringField("api_key", e.apiKey);
    g.writeStringField("model", e.model);
    g.writeStringField("ip", e.egress.ip());
    if (e.egress.asn() != null) {
      g.writeNumberField("asn", e.egress.asn());
      g.writeStringField("asn_org", e.egress.asnOrg());
    }
    if (e.egress.country() != null) {
      g.writeStringField("country", e.egress.country());
    }
    g.writeStringField("user_agent", e.userAgent());
    g.writeStringField("tls_fp", e.client.tlsFp());
    if (e.paymentFp != null) {
      g.writeStringField("payment_fp", e.paymentFp);
    }
    if (e.system != null) {
      g.writeStringField("system", e.system);
    }
    g.writeArrayFieldStart("messages");
    int toolUse = 0;
    for (SimEvent.Message m : e.messages) {
      g.writeStartObject();
      g.writeStringField("role", m.role());
      switch (m.kind()) {
        case "tool_use" -> {
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "tool_use");
          g.writeStringField("id", "tu-" + (++toolUse));
          g.writeStringField("name", m.text());
          g.writeObjectFieldStart("input");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
        }
        case "tool_result" -> {
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "tool_result");
          g.writeStringField("tool_use_id", "tu-" + toolUse);
          g.writeStringField("content", m.text());
          g.writeEndObject();
          g.writeEndArray();
        }
        default -> g.writeStringField("content", m.text());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("params");
    if (e.maxTokens != null) {
      g.writeNumberField("max_tokens", e.maxTokens);
    }
    if (e.temperature != null) {
      g.writeNumberField("temperature", e.temperature);
    }
    if (e.n != null) {
      g.writeNumberField("n", e.n);
    }
    if (e.logprobs != null) {
      g.writeBooleanField("logprobs", e.logprobs);
      g.writeNumberField("top_logprobs", e.topLogprobs == null ? 0 : e.topLogprobs);
    }
    if (e.reasoningEffort != null) {
      g.writeStringField("reasoning_effort", e.reasoningEffort);
    }
    if (e.tools != null) {
      g.writeNumberField("tools", e.tools);
    }
    if (e.stream != null) {
      g.writeBooleanField("stream", e.stream);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", e.inputTokens);
    g.writeNumberField("output_tokens", e.outputTokens);
    if (e.reasoningTokens != null) {
      g.writeNumberField("reasoning_tokens", e.reasoningTokens);
    }
    g.writeEndObject();
    g.writeNumberField("status", 200);
    g.writeNumberField("latency_ms", e.latencyMs);
    g.writeEndObject();
  }

  private static void writeAccounts(Traffic t, Path file) throws IOException {
    JsonFactory f = new JsonFactory();
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file));
        JsonGenerator g = f.createGenerator(os, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(new MinimalPrettyPrinter(""));
      for (AccountRecord a : t.accounts.values()) {
        g.writeStartObject();
        g.writeStringField("account", a.account());
        g.writeStringField("created_at", ts(a.createdAt()));
        g.writeStringField("email_domain", a.emailDomain());
        if (a.orgName() != null) {
          g.writeStringField("org_name", a.orgName());
        }
        if (a.country() != null) {
          g.writeStringField("country", a.country());
        }
        if (a.paymentFp() != null) {
          g.writeStringField("payment_fp", a.paymentFp());
        }
        g.writeStringField("signup_path", a.signupPath());
        g.writeBooleanField("verified", a.verified());
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  private void writeModels(Path file) throws IOException {
    String old = "2025-10-01T00:00:00.000Z";
    Files.writeString(
        file,
        "{\"model\":\"" + Parameters.OLD_MODEL + "\",\"released_at\":\"" + old + "\",\"max_output_tokens\":"
            + Parameters.OLD_MODEL_MAX_OUTPUT + "}\n"
            + "{\"model\":\"" + Parameters.NEW_MODEL + "\",\"released_at\":\"" + ts(cfg.releaseMs())
            + "\",\"max_output_tokens\":" + Parameters.NEW_MODEL_MAX_OUTPUT + "}\n");
  }

  private ObjectNode truthJson(Traffic t, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schema_version", 1);
    root.put("seed", cfg.seed());
    root.put("scale", cfg.scale());
    root.put("days", cfg.days());
    root.put("split", cfg.split().side().label());
    ArrayNode held = root.putArray("heldout_sources");
    cfg.split().heldoutFamilies().stream().sorted().forEach(held::add);
    root.put("start", ts(cfg.startMs()));
    root.put("end", ts(cfg.endMs()));
    root.putObject("release").put("model", Parameters.NEW_MODEL).put("at", ts(cfg.releaseMs()));
    if (!cfg.variant().isDefault()) {
      ObjectNode v = root.putObject("variant");
      v.put("index", cfg.variant().index());
      ArrayNode lines = v.putArray("parameters");
      cfg.variant().describe().forEach(lines::add);
    }
    Map<String, long[]> perAccount = new HashMap<>(); // events, first ts
    for (SimEvent e : t.events) {
      long[] a = perAccount.computeIfAbsent(e.account, k -> new long[] {0, e.ts});
      a[0]++;
    }
    Map<String, ObjectNode> pops = new TreeMap<>();
    Map<String, ObjectNode> camps = new TreeMap<>();
    for (Map.Entry<String, TruthLabel> en : t.truth.entrySet()) {
      TruthLabel l = en.getValue();
      long[] a = perAccount.getOrDefault(en.getKey(), new long[] {0, Long.MAX_VALUE});
      ObjectNode p = pops.computeIfAbsent(l.population(), k -> mapper.createObjectNode().put("label", l.label()));
      p.put("accounts", p.path("accounts").asLong() + 1);
      p.put("requests", p.path("requests").asLong() + a[0]);
      if (l.campaign() != null) {
        ObjectNode c = camps.computeIfAbsent(l.campaign(), k -> mapper.createObjectNode().put("population", l.population()));
        c.put("accounts", c.path("accounts").asLong() + 1);
        c.put("requests", c.path("requests").asLong() + a[0]);
        if (a[0] > 0 && (!c.has("first_request_ms") || a[1] < c.get("first_request_ms").asLong())) {
          c.put("first_request_ms", a[1]);
        }
      }
    }
    camps.values().forEach(c -> {
      if (c.has("first_request_ms")) {
        c.put("first_request", ts(c.get("first_request_ms").asLong()));
      }
      c.remove("first_request_ms");
    });
    ObjectNode popNode = root.putObject("populations");
    pops.forEach(popNode::set);
    ObjectNode campNode = root.putObject("campaigns");
    camps.forEach(campNode::set);
    ObjectNode accounts = root.putObject("accounts");
    for (Map.Entry<String, TruthLabel> en : t.truth.entrySet()) {
      ObjectNode a = accounts.putObject(en.getKey());
      a.put("label", en.getValue().label());
      a.put("population", en.getValue().population());
      if (en.getValue().campaign() == null) {
        a.putNull("campaign");
      } else {
        a.put("campaign", en.getValue().campaign());
      }
    }
    return root;
  }

  private ObjectNode statsJson(Traffic t, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("events", t.events.size());
    root.put("accounts", t.accounts.size());
    Map<String, Map<String, Integer>> uses = new LinkedHashMap<>();
    Map<String, Integer> events = new TreeMap<>();
    Map<String, Map<String, Integer>> familyUses = new TreeMap<>();
    for (SimEvent e : t.events) {
      String pop = t.truth.get(e.account).population();
      events.merge(pop, 1, Integer::sum);
      uses.computeIfAbsent(pop, k -> new HashMap<>()).merge(e.prompt.id(), 1, Integer::sum);
      familyUses.computeIfAbsent(e.prompt.sourceFamily(), k -> new HashMap<>()).merge(e.prompt.id(), 1, Integer::sum);
    }
    ObjectNode perPop = root.putObject("populations");
    for (String pop : events.keySet()) {
      Map<String, Integer> u = uses.get(pop);
      int max = u.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      perPop.putObject(pop)
          .put("events", events.get(pop))
          .put("distinct_prompts", u.size())
          .put("mean_uses_per_prompt", round2(events.get(pop) / (double) u.size()))
          .put("max_uses_of_one_prompt", max);
    }
    // how many accounts send each benign prompt (benign populations only): real logs reuse few prompts
    Map<String, java.util.Set<String>> accountsOfPrompt = new HashMap<>();
    long benignRequests = 0;
    for (SimEvent e : t.events) {
      if (!t.truth.get(e.account).isDistillation()) {
        accountsOfPrompt.computeIfAbsent(e.prompt.id(), k -> new java.util.HashSet<>()).add(e.account);
        benignRequests++;
      }
    }
    if (!accountsOfPrompt.isEmpty()) {
      int[] counts = accountsOfPrompt.values().stream().mapToInt(java.util.Set::size).sorted().toArray();
      long shared = 0;
      for (SimEvent e : t.events) {
        if (!t.truth.get(e.account).isDistillation() && accountsOfPrompt.get(e.prompt.id()).size() > 1) {
          shared++;
        }
      }
      root.putObject("benign_prompt_reuse")
          .put("distinct_prompts", counts.length)
          .put("mean_accounts_per_prompt", round2(java.util.Arrays.stream(counts).average().orElse(0)))
          .put("median_accounts_per_prompt", counts[counts.length / 2])
          .put("p90_accounts_per_prompt", counts[(int) (counts.length * 0.9)])
          .put("max_accounts_per_prompt", counts[counts.length - 1])
          .put("share_of_requests_with_a_prompt_other_accounts_also_sent", round2(shared / (double) benignRequests));
    }
    Map<String, Integer> available = new TreeMap<>();
    for (PromptRecord r : pools.allRecords()) {
      if (pools.split().includes(r.source())) {
        available.merge(r.sourceFamily(), 1, Integer::sum);
      }
    }
    ObjectNode perFamily = root.putObject("prompt_reuse_by_source");
    for (Map.Entry<String, Integer> en : available.entrySet()) {
      Map<String, Integer> u = familyUses.getOrDefault(en.getKey(), Map.of());
      int total = u.values().stream().mapToInt(Integer::intValue).sum();
      perFamily.putObject(en.getKey())
          .put("pool_records", en.getValue())
          .put("distinct_used", u.size())
          .put("uses", total)
          .put("mean_uses_per_used_prompt", u.isEmpty() ? 0 : round2(total / (double) u.size()))
          .put("max_uses_of_one_prompt", u.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }
    return root;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
