package io.distillwatch.sharing.crossref;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.CrossrefLookup;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.sharing.stix.InfrastructurePattern;
import io.distillwatch.template.SketchIndex;
import io.distillwatch.template.TemplateSketch;
import io.distillwatch.template.TemplateSketcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Matches accounts against an {@link IntelBook}: each identifier the account was seen with is
 * normalised, blinded with every key the book uses ({@link DisclosurePolicy}) or kept clear, and looked
 * up in the book's hash index; template skeletons are sketched with the member key and looked up by
 * LSH ({@link SketchIndex}, similarity ≥ {@value #SKETCH_THRESHOLD}). Blinded values and sketches are
 * cached per raw value (bounded), so the detector may ask after every event.
 *
 * <p>A matcher over a directory reloads the book when the directory changes (the node pulls into it)
 * and remembers, per account, the identifiers it was asked about and the indicators it matched, for
 * the node's publisher ({@link #observed}, {@link #drainMatches}). Thread-safe.
 */
public final class CrossrefMatcher implements CrossrefLookup {
  public static final double SKETCH_THRESHOLD = 0.7;
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(30);
  private static final int CACHE = 100_000;
  private static final Map<Path, CrossrefMatcher> LIVE = new ConcurrentHashMap<>();
  private static final Map<Path, Duration> HALF_LIVES = new ConcurrentHashMap<>();
  private static final Map<Path, Set<String>> SELF = new ConcurrentHashMap<>();

  private final Path dir;
  private final BlindingKeys keys;
  private final Duration halfLife;
  private final Clock clock;
  private final Set<String> self;
  private IntelBook book;
  private SketchIndex<IntelBook.Entry> sketchIndex;
  private String dirStamp = "";
  private long checkedAt;
  private final Map<String, Object> cache = lru(CACHE);
  private final Map<String, Observed> observed = lru(50_000);
  private final Map<String, Map<String, Instant>> matches = new LinkedHashMap<>();

  /** Identifiers an account was seen with (raw: they stay on this node). */
  public record Observed(List<String> paymentFps, List<String> tls, List<String> asns, List<String> prefixes,
      List<String> templates, String emailDomain, long events) {}

  /** Opens matchers for {@code scan --indicators} and the node, found by {@code ServiceLoader}. */
  public static final class Factory implements CrossrefLookup.Factory {
    @Override
    public CrossrefLookup open(Path indicators, Path blindingKey) {
      return live(indicators, blindingKey);
    }
  }

  public CrossrefMatcher(IntelBook book, BlindingKeys keys, Duration halfLife, Clock clock) {
    this(null, book, keys, halfLife, clock, Set.of());
  }

  private CrossrefMatcher(Path dir, IntelBook book, BlindingKeys keys, Duration halfLife, Clock clock, Set<String> self) {
    this.dir = dir;
    this.keys = keys;
    this.halfLife = halfLife;
    this.clock = clock;
    this.self = self;
    setBook(book);
  }

  /**
   * Settings of the matcher over {@code dir} before it opens: the decay half-life and this node's own
   * identity ids (its indicators are not matched against itself).
   */
  public static void configure(Path dir, Duration halfLife, Set<String> selfIdentities) {
    HALF_LIVES.put(norm(dir), halfLife);
    SELF.put(norm(dir), Set.copyOf(selfIdentities));
  }

  /** The one matcher over {@code dir} in this JVM (opened on first use). */
  public static CrossrefMatcher live(Path dir, Path blindingKey) {
    return LIVE.computeIfAbsent(norm(dir), d -> {
      try {
        Set<String> self = SELF.getOrDefault(d, Set.of());
        return new CrossrefMatcher(d, IntelBook.load(d, self), BlindingKeys.load(blindingKey),
            HALF_LIVES.getOrDefault(d, DEFAULT_HALF_LIFE), Clock.systemUTC(), self);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The open matcher over {@code dir}, or null. */
  public static CrossrefMatcher opened(Path dir) {
    return LIVE.get(norm(dir));
  }

  /** Forgets the matcher over {@code dir} (a stopping node). */
  public static void close(Path dir) {
    LIVE.remove(norm(dir));
  }

  private static Path norm(Path dir) {
    return dir.toAbsolutePath().normalize();
  }

  private void setBook(IntelBook b) {
    this.book = b;
    SketchIndex<IntelBook.Entry> idx = new SketchIndex<>();
    Integer keyId = null;
    for (IntelBook.Entry e : b.sketches()) {
      TemplateSketch s = b.sketchOf(e);
      if (keys.has(s.keyId()) && (keyId == null || keyId == s.keyId()) && s.bins() == TemplateSketcher.DEFAULT_BINS) {
        keyId = s.keyId();
        idx.add(s, e);
      }
    }
    this.sketchIndex = idx;
    cache.clear();
  }

  /** Re-reads the directory when its files changed (checked at most every 2 s). */
  private void refresh() {
    if (dir == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - checkedAt < 2_000_000_000L && checkedAt != 0) {
      return;
    }
    checkedAt = now;
    String stamp;
    try (Stream<Path> s = Files.list(dir)) {
      stamp = s.map(p -> p.getFileName() + "@" + p.toFile().lastModified() + "/" + p.toFile().length())
          .sorted().reduce("", String::concat);
    } catch (IOException e) {
      return;
    }
    if (!stamp.equals(dirStamp)) {
      dirStamp = stamp;
      try {
        setBook(IntelBook.load(dir, self));
      } catch (IOException e) {
        // keep the previous book
      }
    }
  }

  /** Reloads the directory now (the node calls it after a pull). */
  public synchronized void reload() {
    checkedAt = 0;
    dirStamp = "";
    refresh();
  }

  public synchronized int indicators() {
    return book.size();
  }

  @Override
  public synchronized Match match(AccountState s, AccountInfo info) {
    refresh();
    observe(s, info);
    if (book.size() == 0) {
      return null;
    }
    Map<String, Double> hits = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    Instant now = clock.instant();
    List<String> payment = new ArrayList<>(s.paymentFingerprints());
    if (info != null && info.paymentFp != null && !info.paymentFp.isBlank()) {
      payment.add(info.paymentFp);
    }
    for (String p : payment) {
      blindedHits(Identifier.PAYMENT_FINGERPRINT, p, hits, kinds, now);
      hit(book.lookupPsi(Identifier.PAYMENT_FINGERPRINT, p), hits, kinds, now, 1.0);
    }
    for (String ip : s.ips()) {
      hit(book.lookupPsi(Identifier.IP_ADDRESS, ip), hits, kinds, now, 1.0);
    }
    if (info != null && info.email != null) {
      hit(book.lookupPsi(Identifier.EMAIL_ADDRESS, info.email), hits, kinds, now, 1.0);
    }
    String domain = info == null ? null : info.effectiveEmailDomain();
    if (domain != null) {
      blindedHits(Identifier.EMAIL_DOMAIN, domain, hits, kinds, now);
    }
    for (String asn : s.asns()) {
      clearHit(Identifier.ASN, asn, hits, kinds, now);
    }
    for (String prefix : s.ipPrefixes()) {
      for (String range : widerRanges(prefix)) {
        clearHit(Identifier.NETWORK_RANGE, range, hits, kinds, now);
      }
    }
    for (String tls : s.tlsFingerprints()) {
      clearHit(Identifier.TLS_CLIENT, tls.split(" ", 2)[0], hits, kinds, now);
    }
    for (AccountState.TemplateCount t : s.topTemplates()) {
      if ("head".equals(t.kind()) && t.skeleton() != null && !t.skeleton().isBlank()) {
        sketchHits(t.skeleton(), hits, kinds, now);
      }
    }
    if (hits.isEmpty()) {
      return null;
    }
    double strength = hits.values().stream().mapToDouble(Double::doubleValue).sum();
    matches.computeIfAbsent(s.account(), a -> new TreeMap<>());
    for (String id : hits.keySet()) {
      matches.get(s.account()).putIfAbsent(id, now);
    }
    return new Match(strength, evidence(hits, kinds));
  }

  private String evidence(Map<String, Double> hits, Map<String, Integer> kinds) {
    StringBuilder b = new StringBuilder("matches ").append(hits.size())
        .append(hits.size() == 1 ? " indicator" : " indicators").append(" shared by other providers (");
    StringBuilder k = new StringBuilder();
    kinds.forEach((kind, n) -> k.append(k.length() == 0 ? "" : ", ").append(kind).append(" x").append(n));
    b.append(k).append("); ");
    int members = 0;
    for (String id : hits.keySet()) {
      IntelBook.Entry e = book.byId(id);
      members = Math.max(members, e == null ? 0 : e.corroboratingMembers());
    }
    b.append("corroborated by up to ").append(members).append(members == 1 ? " member" : " members")
        .append(String.format(Locale.ROOT, ", weight %.2f after decay (half-life %d days): ",
            hits.values().stream().mapToDouble(Double::doubleValue).sum(), halfLife.toDays()));
    b.append(String.join(" ", hits.keySet()));
    return b.toString();
  }

  private void blindedHits(Identifier kind, String raw, Map<String, Double> hits, Map<String, Integer> kinds,
      Instant now) {
    for (int keyId : book.keyIds(kind)) {
      if (!keys.has(keyId)) {
        continue;
      }
      String ck = kind.wireName() + "\u0000" + keyId + "\u0000" + raw;
      Object v = cache.get(ck);
      if (v == null) {
        try {
          v = DisclosurePolicy.blind(kind, raw, keys, keyId).hex();
        } catch (IllegalArgumentException notBlindable) {
          v = "";
        }
        cache.put(ck, v);
      }
      if (!"".equals(v)) {
        hit(book.lookup(kind, keyId, (String) v), hits, kinds, now, 1.0);
      }
    }
  }

  private void clearHit(Identifier kind, String raw, Map<String, Double> hits, Map<String, Integer> kinds,
      Instant now) {
    String ck = kind.wireName() + "\u0000\u0000" + raw;
    Object v = cache.get(ck);
    if (v == null) {
      try {
        v = Normalization.normalize(kind, raw);
      } catch (IllegalArgumentException invalid) {
        v = "";
      }
      cache.put(ck, v);
    }
    if (!"".equals(v)) {
      hit(book.lookup(kind, 0, (String) v), hits, kinds, now, 1.0);
    }
  }

  private void sketchHits(String skeleton, Map<String, Double> hits, Map<String, Integer> kinds, Instant now) {
    if (sketchIndex.size() == 0) {
      return;
    }
    String ck = "sketch\u0000" + skeleton;
    Object v = cache.get(ck);
    if (v == null) {
      TemplateSketch any = book.sketchOf(book.sketches().get(0));
      v = KeyedSketches.sketcher(keys, keys.has(any.keyId()) ? any.keyId() : keys.primaryId(),
          TemplateSketcher.DEFAULT_BINS).sketch(skeleton);
      cache.put(ck, v);
    }
    try {
      for (SketchIndex.Hit<IntelBook.Entry> h : sketchIndex.query((TemplateSketch) v, SKETCH_THRESHOLD)) {
        hit(h.item(), hits, kinds, now, h.similarity());
      }
    } catch (IllegalArgumentException incomparable) {
      // sketches under another key: nothing to compare
    }
  }

  private void hit(IntelBook.Entry e, Map<String, Double> hits, Map<String, Integer> kinds, Instant now, double scale) {
    if (e == null) {
      return;
    }
    double w = e.weight(now, halfLife) * scale;
    if (w <= 0.001) {
      return;
    }
    if (hits.merge(e.id(), w, Math::max) == w) {
      kinds.merge(e.kind().wireName(), 1, Integer::sum);
    }
  }

  /** Ranges /24 (IPv6 /48) down to /8 containing a local prefix, normalised as indicators carry them. */
  static List<String> widerRanges(String prefix) {
    List<String> out = new ArrayList<>();
    int slash = prefix.indexOf('/');
    if (slash < 0) {
      return out;
    }
    int len;
    try {
      len = Integer.parseInt(prefix.substring(slash + 1));
    } catch (NumberFormatException e) {
      return out;
    }
    boolean v6 = prefix.contains(":");
    int max = v6 ? InfrastructurePattern.MAX_IPV6_PREFIX : InfrastructurePattern.MAX_IPV4_PREFIX;
    for (int l = Math.min(len, max); l >= (v6 ? 16 : 8); l--) {
      try {
        out.add(InfrastructurePattern.cidr(prefix.substring(0, slash) + "/" + l).value());
      } catch (IllegalArgumentException e) {
        return out;
      }
    }
    return out;
  }

  private void observe(AccountState s, AccountInfo info) {
    Observed prev = observed.get(s.account());
    long n = s.events();
    if (prev != null && n - prev.events() < 16 && n >= prev.events()) {
      return;
    }
    List<String> templates = new ArrayList<>();
    for (AccountState.TemplateCount t : s.topTemplates()) {
      if ("head".equals(t.kind()) && t.skeleton() != null && !t.skeleton().isBlank() && templates.size() < 4) {
        templates.add(t.skeleton());
      }
    }
    List<String> payment = new ArrayList<>(s.paymentFingerprints());
    if (info != null && info.paymentFp != null && !info.paymentFp.isBlank() && !payment.contains(info.paymentFp)) {
      payment.add(info.paymentFp);
    }
    observed.put(s.account(), new Observed(payment, List.copyOf(s.tlsFingerprints()), List.copyOf(s.asns()),
        List.copyOf(s.ipPrefixes()), templates, info == null ? null : info.effectiveEmailDomain(), n));
  }

  /** The identifiers account (or cluster) {@code id} was last seen with, or null. */
  public synchronized Observed observed(String id) {
    return observed.get(id);
  }

  /** Accounts that matched since the last call, with the indicators each matched and when first. */
  public synchronized Map<String, Map<String, Instant>> drainMatches() {
    Map<String, Map<String, Instant>> out = new LinkedHashMap<>(matches);
    matches.clear();
    return out;
  }

  /** The book's entry for an indicator id (for the publisher's sightings), or null. */
  public synchronized IntelBook.Entry entry(String indicatorId) {
    return book.byId(indicatorId);
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
