package io.distillwatch.node.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.detect.SignalIds;
import io.distillwatch.hub.client.IndicatorPull;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.node.NodeConfig;
import io.distillwatch.node.store.NodeStore;
import io.distillwatch.node.store.StoredChange;
import io.distillwatch.sharing.crossref.BlindingKeys;
import io.distillwatch.sharing.crossref.CampaignIdentifiers;
import io.distillwatch.sharing.crossref.CrossrefIndicators;
import io.distillwatch.sharing.crossref.CrossrefMatcher;
import io.distillwatch.sharing.crossref.CrossrefPublisher;
import io.distillwatch.sharing.crossref.DisclosurePolicy;
import io.distillwatch.sharing.crossref.SharingPolicy;
import io.distillwatch.sharing.publish.PublishLedger;
import io.distillwatch.sharing.sign.NodeKey;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.AtlasTechnique;
import io.distillwatch.sharing.stix.DistillationProfile;
import io.distillwatch.sharing.stix.ReferenceObjects;
import io.distillwatch.sharing.stix.StixFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's cross-referencing loop (docs/crossref.md): pulls the hub collection into the crossref
 * folder on a schedule (the detector's {@link CrossrefMatcher} reloads it), publishes by itself when an
 * account or cluster reaches a verdict the policy shares (campaign + indicators + sighting), and answers
 * every match with a sighting of the matched indicator — basis {@code detection} when the account's own
 * evidence convicts it without the match, {@code match} otherwise. Logs carry counts, never identifiers.
 */
public final class CrossrefService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CrossrefService.class.getName());
  private static final Instant FIXED = Instant.parse("2026-01-01T00:00:00Z");

  private final NodeConfig config;
  private final NodeStore store;
  private final NodeKey key;
  private final BlindingKeys keys;
  private final SharingPolicy policy;
  private final TaxiiClient client;
  private final PublishLedger ledger;
  private final Path dir;
  private final String collection;
  private final double distillation;
  private final Set<String> seenAlerts = new HashSet<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "crossref");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Sighted> sighted = new java.util.HashMap<>();
  private volatile int published;

  /** What this node has sighted of one indicator: accounts (counted, never sent), times, basis. */
  private static final class Sighted {
    final Set<String> accounts = new HashSet<>();
    final Instant first;
    Instant last;
    boolean own;

    Sighted(Instant first) {
      this.first = first;
      this.last = first;
    }
  }
  private volatile int sightings;
  private volatile int pulled;

  private CrossrefService(NodeConfig config, NodeStore store, HttpClient http) throws IOException {
    this.config = config;
    this.store = store;
    this.key = NodeKey.load(Path.of(config.get("crossref.key")));
    this.keys = BlindingKeys.load(Path.of(config.get("crossref.blinding-key")));
    this.policy = config.get("crossref.policy").isEmpty() ? SharingPolicy.defaults()
        : SharingPolicy.load(Path.of(config.get("crossref.policy")));
    String token = Files.readAllLines(Path.of(config.get("crossref.token-file"))).stream().findFirst().orElse("").trim();
    this.client = new TaxiiClient(URI.create(config.get("crossref.hub")), token, http);
    this.dir = config.crossrefDir();
    Files.createDirectories(dir);
    this.ledger = PublishLedger.open(dir.resolve("published-ledger.json"));
    this.collection = config.get("crossref.collection");
    this.distillation = DetectionConfig.defaults().distillationThreshold();
  }

  /**
   * Sets up matching for the detector (call before the job starts) — decay half-life and this node's
   * identity, so its own indicators are not matched against itself.
   */
  public static void prepareMatching(NodeConfig config) throws IOException {
    if (!config.crossrefEnabled()) {
      return;
    }
    Files.createDirectories(config.crossrefDir());
    Set<String> self = config.get("crossref.key").isEmpty() ? Set.of()
        : Set.of(NodeKey.load(Path.of(config.get("crossref.key"))).identityId());
    CrossrefMatcher.configure(config.crossrefDir(), config.duration("crossref.half-life"), self);
  }

  /** Starts the loop when {@code crossref.hub} is set; null otherwise. */
  public static CrossrefService start(NodeConfig config, NodeStore store) throws IOException {
    return start(config, store, TaxiiClient.client(null));
  }

  /** As {@link #start(NodeConfig, NodeStore)} over a given HTTP client (the leak test captures through it). */
  public static CrossrefService start(NodeConfig config, NodeStore store, HttpClient http) throws IOException {
    if (config.get("crossref.hub").isEmpty()) {
      return null;
    }
    CrossrefService s = new CrossrefService(config, store, http);
    long pull = config.duration("crossref.pull-interval").toMillis();
    long publish = config.duration("crossref.publish-interval").toMillis();
    s.timer.scheduleWithFixedDelay(s::pullQuietly, 0, pull, TimeUnit.MILLISECONDS);
    s.timer.scheduleWithFixedDelay(s::publishQuietly, publish, publish, TimeUnit.MILLISECONDS);
    return s;
  }

  public int published() {
    return published;
  }

  public int sightings() {
    return sightings;
  }

  public int pulled() {
    return pulled;
  }

  private void pullQuietly() {
    try {
      pulled += IndicatorPull.pull(client, collection, dir, 1000);
      CrossrefMatcher m = CrossrefMatcher.opened(dir);
      if (m != null) {
        m.reload();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "crossref pull failed: {0}", e.getClass().getSimpleName());
    }
  }

  private void publishQuietly() {
    try {
      publishNow();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "crossref publish failed: {0}", e.getClass().getSimpleName());
    }
  }

  /** One publishing round: new shared verdicts, then sightings of new matches. Also used by tests. */
  public synchronized void publishNow() throws IOException, InterruptedException {
    StixFactory stix = key.factory(policy.tlp());
    List<ObjectNode> objects = new ArrayList<>();
    List<StoredChange> alerts;
    synchronized (store) {
      alerts = store.alerts(1000);
    }
    CrossrefMatcher matcher = CrossrefMatcher.opened(dir);
    CrossrefPublisher publisher = new CrossrefPublisher(stix, policy, keys);
    int campaigns = 0;
    for (StoredChange c : alerts) {
      String seenKey = c.kind() + "\u0000" + c.id() + "\u0000" + c.seq();
      if (!seenAlerts.add(seenKey) || !policy.shares(c.to(), c.kind().equals("cluster") ? policy.minClusterSize() : 1)
          || !(c.kind().equals("account") || c.kind().equals("cluster"))) {
        continue;
      }
      CrossrefMatcher.Observed seen = matcher == null ? null : matcher.observed(c.id());
      objects.addAll(campaign(stix, publisher, c, seen));
      campaigns++;
    }
    if (matcher != null) {
      Set<String> changed = new TreeSet<>();
      for (Map.Entry<String, Map<String, Instant>> m : matcher.drainMatches().entrySet()) {
        boolean own = ownDetection(m.getKey());
        for (Map.Entry<String, Instant> hit : m.getValue().entrySet()) {
          if (hit.getKey().startsWith("indicator--")) {
            Sighted s = sighted.computeIfAbsent(hit.getKey(), k -> new Sighted(hit.getValue()));
            if (s.accounts.add(m.getKey()) | (own && !s.own) | hit.getValue().isAfter(s.last)) {
              s.own |= own;
              s.last = hit.getValue().isAfter(s.last) ? hit.getValue() : s.last;
              changed.add(hit.getKey());
            }
          }
        }
      }
      for (String indicator : changed) {
        Sighted s = sighted.get(indicator);
        objects.add(new CrossrefIndicators(stix).sighting(indicator,
            s.own ? CrossrefIndicators.BASIS_DETECTION : CrossrefIndicators.BASIS_MATCH, s.first, s.last,
            s.accounts.size(), s.last));
        sightings++;
      }
    }
    if (objects.isEmpty()) {
      return;
    }
    objects.add(0, stix.identity(key.name(), "organization", FIXED));
    if (campaigns > 0) {
      for (AtlasTechnique t : AtlasTechnique.values()) {
        objects.add(1, stix.attackPattern(t, FIXED));
      }
    }
    DisclosurePolicy.checkOutbound(objects);
    ledger.stamp(objects, Instant.now());
    List<ObjectNode> signed = new ArrayList<>();
    objects.forEach(o -> signed.add(ObjectSignature.sign(o, key.signingKey())));
    List<ObjectNode> all = new ArrayList<>(ReferenceObjects.referencedBy(signed));
    all.addAll(signed);
    client.add(collection, all);
    ledger.save();
    published += campaigns;
    LOG.info(() -> "crossref: published " + all.size() + " objects");
  }

  /** True when the account's latest verdict is distillation even without its crossref.match contribution. */
  private boolean ownDetection(String account) {
    List<StoredChange> h;
    synchronized (store) {
      h = store.history("account", account);
    }
    if (h.isEmpty() || !"distillation".equals(h.get(h.size() - 1).to())) {
      return false;
    }
    StoredChange last = h.get(h.size() - 1);
    double e = -Math.log(Math.max(1e-12, 1 - last.score()));
    try {
      for (JsonNode s : new ObjectMapper().readTree(last.signals())) {
        if (SignalIds.CROSSREF_MATCH.equals(s.path("id").asText())) {
          e -= s.path("contribution").asDouble(0);
        }
      }
    } catch (IOException malformed) {
      return false;
    }
    return 1 - Math.exp(-Math.max(0, e)) >= distillation;
  }

  private List<ObjectNode> campaign(StixFactory stix, CrossrefPublisher publisher, StoredChange c,
      CrossrefMatcher.Observed seen) {
    Set<String> signals = new TreeSet<>();
    try {
      for (JsonNode s : new ObjectMapper().readTree(c.signals())) {
        String id = s.path("id").asText("");
        if (id.matches("^[a-z]+\\.[a-z_]+$") && s.path("contribution").asDouble(0) != 0
            && !id.equals(SignalIds.ALLOWLIST_EXEMPT) && !id.equals("cluster.member")) {
          signals.add(id);
        }
      }
    } catch (IOException malformed) {
      // profile without signal ids
    }
    Instant at = Instant.ofEpochMilli(c.atMillis());
    String localId = c.kind() + ":" + c.id();
    DistillationProfile profile = new DistillationProfile(List.of(), 1, seen == null ? 0 : seen.events(), 0,
        new ArrayList<>(signals), c.score(), signals.contains(SignalIds.RELEASE_PIVOT));
    String cid = stix.id("campaign", localId);
    ObjectNode campaign = stix.campaign(localId, "Distillation campaign " + cid.substring(10, 18),
        "Adversarial distillation seen by this provider (published by its node).", at, at, profile, at);
    List<ObjectNode> out = new ArrayList<>(List.of(campaign));
    for (AtlasTechnique t : AtlasTechnique.values()) {
      out.add(stix.relationship("uses", cid, stix.attackPattern(t, FIXED).get("id").asText(), at));
    }
    out.add(stix.sighting("sighting:" + localId, cid, at, at, 1, at));
    if (seen != null) {
      CampaignIdentifiers ids = new CampaignIdentifiers();
      ids.paymentFps.addAll(seen.paymentFps());
      if (seen.emailDomain() != null) {
        ids.emailDomains.add(seen.emailDomain());
      }
      ids.asns.addAll(seen.asns());
      ids.networkRanges.addAll(seen.prefixes());
      ids.tlsClients.addAll(seen.tls());
      ids.templates.addAll(seen.templates());
      ids.egressIsInfrastructure = signals.contains("infra.datacenter_egress") || signals.contains("infra.anonymizer");
      out.addAll(publisher.objects(campaign, ids, at));
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
