package io.distillwatch.sharing.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.stix.AtlasTechnique;
import io.distillwatch.sharing.stix.DistillationProfile;
import io.distillwatch.sharing.stix.StixFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code scan} output (DESIGN §4: {@code accounts.jsonl}, {@code clusters.jsonl}) into STIX
 * campaigns a node may share: one campaign per flagged cluster, and one per flagged account outside
 * any cluster, each with the ATLAS attack-patterns it uses, its capability targeted, volume and
 * timing profile, and a sighting by this node.
 *
 * <p>Privacy guarantee: the output carries counts, signal ids, link kinds, ATLAS references and
 * timestamps only. No account id, cluster id (it is a hash of an account id), payment fingerprint,
 * e-mail, IP, link example, evidence sentence or prompt text is copied; ids are HMAC-derived from
 * local ids by {@link StixFactory}. Capability names come from a fixed vocabulary, never from free
 * text.
 */
public final class ScanToStix {

  /** Capability names that may be shared (matched in the capability-focus evidence). */
  public static final Set<String> CAPABILITIES =
      Set.of("mathematics", "code", "reasoning", "writing", "translation", "science", "tool-use",
          "roleplay", "summarisation", "question-answering", "medicine", "law", "finance", "chemistry",
          "biology", "physics", "agents");

  private static final Pattern CAPABILITY = Pattern.compile("are about ([a-z][a-z -]{2,30}?)[,.;)]");
  private static final Set<String> NOT_SHARED_SIGNALS = Set.of("cluster.member", "allowlist.exempt");

  private final StixFactory stix;
  private final boolean includeSuspicious;
  private final ObjectMapper mapper = new ObjectMapper();

  public ScanToStix(StixFactory stix, boolean includeSuspicious) {
    this.stix = stix;
    this.includeSuspicious = includeSuspicious;
  }

  /** A campaign ready to become STIX objects: counts, signal ids and times only. */
  public record CampaignDraft(
      String localId, String name, String description, Instant firstSeen, Instant lastSeen,
      DistillationProfile profile) {}

  /**
   * Reads the scan output and returns one draft per flagged cluster or unclustered flagged account.
   * Malformed lines are skipped, and so are campaigns whose scan output carries no time at all
   * (neither traffic times nor a flag time: a scan output older than {@code first_seen}/{@code
   * last_seen}); a campaign's times are always the traffic's, never the time of publishing.
   *
   * @throws IOException if {@code accounts.jsonl} cannot be read
   */
  public List<CampaignDraft> read(Path scanOut) throws IOException {
    Map<String, JsonNode> accounts = new LinkedHashMap<>();
    for (JsonNode a : lines(scanOut.resolve("accounts.jsonl"))) {
      if (a.path("account").isTextual()) {
        accounts.put(a.get("account").asText(), a);
      }
    }
    List<CampaignDraft> drafts = new ArrayList<>();
    Set<String> clustered = new TreeSet<>();
    Path clustersFile = scanOut.resolve("clusters.jsonl");
    if (Files.exists(clustersFile)) {
      for (JsonNode c : lines(clustersFile)) {
        List<JsonNode> members = new ArrayList<>();
        for (JsonNode id : c.path("accounts")) {
          clustered.add(id.asText());
          JsonNode a = accounts.get(id.asText());
          if (a != null) {
            members.add(a);
          }
        }
        if (flagged(c.path("verdict").asText()) && c.path("cluster").isTextual()) {
          draft("cluster:" + c.get("cluster").asText(), members, c).ifPresent(drafts::add);
        }
      }
    }
    for (JsonNode a : accounts.values()) {
      if (!clustered.contains(a.get("account").asText()) && flagged(a.path("verdict").asText())) {
        draft("account:" + a.get("account").asText(), List.of(a), null).ifPresent(drafts::add);
      }
    }
    return drafts;
  }

  /**
   * The node identity, the two ATLAS attack-patterns, and per draft a campaign, its {@code uses}
   * relationships and a sighting. Unsigned; {@code modified} equals {@code created} until a
   * {@link PublishLedger} stamps it.
   */
  public List<ObjectNode> objects(List<CampaignDraft> drafts, String nodeName) {
    List<ObjectNode> out = new ArrayList<>();
    out.add(stix.identity(nodeName, "organization", FIXED));
    List<String> patterns = new ArrayList<>();
    for (AtlasTechnique t : AtlasTechnique.values()) {
      ObjectNode ap = stix.attackPattern(t, FIXED);
      patterns.add(ap.get("id").asText());
      out.add(ap);
    }
    for (CampaignDraft d : drafts) {
      ObjectNode campaign = stix.campaign(d.localId(), d.name(), d.description(), d.firstSeen(), d.lastSeen(),
          d.profile(), d.firstSeen());
      String cid = campaign.get("id").asText();
      out.add(campaign);
      for (String ap : patterns) {
        out.add(stix.relationship("uses", cid, ap, d.firstSeen()));
      }
      out.add(stix.sighting("sighting:" + d.localId(), cid, d.firstSeen(), d.lastSeen(),
          (int) Math.min(Integer.MAX_VALUE, d.profile().accounts()), d.firstSeen()));
    }
    return out;
  }

  /** Creation time of objects that never change meaning (identity, attack-patterns). */
  private static final Instant FIXED = Instant.parse("2026-01-01T00:00:00Z");

  private boolean flagged(String verdict) {
    return "distillation".equals(verdict) || (includeSuspicious && "suspicious".equals(verdict));
  }

  private java.util.Optional<CampaignDraft> draft(String localId, List<JsonNode> members, JsonNode cluster) {
    Set<String> signals = new TreeSet<>();
    Set<String> capabilities = new TreeSet<>();
    long events = 0;
    TimeSpan traffic = new TimeSpan();
    TimeSpan flagged = new TimeSpan();
    boolean releasePivot = false;
    double score = cluster != null ? cluster.path("score").asDouble(0) : 0;
    for (JsonNode a : members) {
      events += Math.max(0, a.path("events").asLong(0));
      score = Math.max(score, a.path("score").asDouble(0));
      traffic.add(instant(a.path("first_seen").asText(null)));
      traffic.add(instant(a.path("last_seen").asText(null)));
      flagged.add(instant(a.path("first_flagged_at").asText(null)));
      for (JsonNode s : a.path("signals")) {
        String id = s.path("id").asText("");
        if (!id.matches("^[a-z]+\\.[a-z_]+$") || NOT_SHARED_SIGNALS.contains(id)
            || s.path("contribution").asDouble(0) == 0) {
          continue;
        }
        signals.add(id);
        releasePivot |= id.equals("timing.release_pivot");
        capabilities.addAll(capabilitiesOf(id, s.path("evidence").asText("")));
      }
    }
    if (cluster != null) {
      flagged.add(instant(cluster.path("first_flagged_at").asText(null)));
    }
    // The traffic's own span; a scan output without traffic times falls back to the flag times.
    TimeSpan span = traffic.first != null ? traffic : flagged;
    if (span.first == null) {
      return java.util.Optional.empty();
    }
    long accountsCount = cluster != null ? Math.max(members.size(), cluster.path("accounts").size()) : 1;
    DistillationProfile profile = new DistillationProfile(new ArrayList<>(capabilities), accountsCount, events,
        span.hoursRoundedUp(), new ArrayList<>(signals), score, releasePivot);
    String campaignId = stix.id("campaign", localId);
    String name = "Distillation campaign " + campaignId.substring(10, 18);
    return java.util.Optional.of(
        new CampaignDraft(localId, name, describe(cluster, accountsCount, events), span.first, span.last, profile));
  }

  /** The earliest and latest of some instants. */
  private static final class TimeSpan {
    Instant first;
    Instant last;

    void add(Instant t) {
      if (t != null) {
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
      }
    }

    long hoursRoundedUp() {
      long millis = Duration.between(first, last).toMillis();
      return (millis + 3_599_999) / 3_600_000;
    }
  }

  private static String describe(JsonNode cluster, long accounts, long events) {
    StringBuilder d = new StringBuilder("Adversarial distillation seen by this provider: ")
        .append(accounts).append(accounts == 1 ? " account, " : " linked accounts, ")
        .append(events).append(" requests.");
    if (cluster != null && cluster.path("links").isArray() && !cluster.path("links").isEmpty()) {
      d.append(" Linked by:");
      for (JsonNode link : cluster.path("links")) {
        String kind = link.path("kind").asText("");
        if (kind.matches("^[a-z_]{2,20}$")) {
          d.append(' ').append(kind).append(" (").append(Math.max(0, link.path("count").asLong(0))).append(" pairs)");
        }
      }
      d.append('.');
    }
    return d.toString();
  }

  static Set<String> capabilitiesOf(String signalId, String evidence) {
    Set<String> out = new TreeSet<>();
    switch (signalId) {
      case "elicitation.cot", "elicitation.reasoning_max" -> out.add("reasoning");
      case "elicitation.tool_trace" -> out.add("tool-use");
      case "elicitation.rubric_grading" -> out.add("reward-modelling");
      case "elicitation.logprobs" -> out.add("logit-distillation");
      case "structure.capability_focus" -> {
        Matcher m = CAPABILITY.matcher(evidence.toLowerCase(Locale.ROOT));
        if (m.find() && CAPABILITIES.contains(m.group(1).trim())) {
          out.add(m.group(1).trim());
        }
      }
      default -> { }
    }
    return out;
  }

  private static Instant instant(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode n = mapper.readTree(line);
          if (n != null && n.isObject()) {
            out.add(n);
          }
        } catch (IOException malformed) {
          // skipped: scan output is machine-written; a torn last line must not stop publishing
        }
      }
    }
    return out;
  }
}
