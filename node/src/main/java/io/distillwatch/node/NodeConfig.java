package io.distillwatch.node;

import io.distillwatch.flink.stream.StreamSettings;
import io.distillwatch.node.store.StoreConfig;
import io.distillwatch.scan.ScanRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The node's configuration: a properties file and/or {@code key=value} overrides, every key in
 * {@link #DEFAULTS} (documented in docs/deployment.md). Unknown keys and bad values are usage errors
 * ({@link IllegalArgumentException}) so a typo never silently falls back to a default.
 */
public final class NodeConfig {
  /** Every key with its default; an empty default means "unset". */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("input", "directory");
    d.put("input.directory", "inbox");
    d.put("input.scan-interval", "2s");
    d.put("input.format", "auto");
    d.put("input.map", "");
    d.put("kafka.bootstrap-servers", "");
    d.put("kafka.input-topic", "distillwatch.events");
    d.put("kafka.output-topic", "distillwatch.verdicts");
    d.put("kafka.group-id", "distillwatch-node");
    d.put("kafka.transactional-id-prefix", "distillwatch-node");
    d.put("kafka.transaction-timeout", "10m");
    d.put("kafka.delivery", "at-least-once");
    d.put("data.dir", "distillwatch-node");
    d.put("store.url", "");
    d.put("store.user", "sa");
    d.put("store.password", "");
    d.put("checkpoint.dir", "");
    d.put("checkpoint.interval", "10s");
    d.put("restore", "latest");
    d.put("parallelism", "1");
    d.put("http.host", "127.0.0.1");
    d.put("http.port", "8080");
    d.put("http.auth", "session");
    d.put("http.cookie-secure", "auto");
    d.put("http.session-idle", "30m");
    d.put("http.session-max", "12h");
    d.put("store.examples", "true");
    d.put("store.redact", "false");
    d.put("retention.activity", "90d");
    d.put("retention.examples", "30d");
    d.put("event-time.out-of-orderness", "5s");
    d.put("event-time.idleness", "30s");
    d.put("event-time.allowed-lateness", "0s");
    d.put("event-time.apply-interval", "1s");
    d.put("dedup.ttl", "1d");
    d.put("state.idle-expiry", "30d");
    d.put("linking.enabled", "true");
    d.put("accounts", "");
    d.put("models", "");
    d.put("ipintel", "");
    d.put("allowlist", "");
    d.put("detection.config", "");
    d.put("screening.lists", "");
    d.put("screening.accounts-topic", "");
    d.put("screening.scan-interval", "2s");
    d.put("screening.list-date", "");
    d.put("screening.policy", "");
    d.put("screening.config", "");
    // cross-referencing between providers (docs/crossref.md); off unless crossref.blinding-key is set
    d.put("crossref.blinding-key", "");
    d.put("crossref.key", "");
    d.put("crossref.hub", "");
    d.put("crossref.collection", "campaigns");
    d.put("crossref.token-file", "");
    d.put("crossref.policy", "");
    d.put("crossref.dir", "");
    d.put("crossref.pull-interval", "1m");
    d.put("crossref.publish-interval", "10s");
    d.put("crossref.half-life", "30d");
    d.put("psi.config", "");
    return java.util.Collections.unmodifiableMap(d);
  }

  private final Map<String, String> values;

  private NodeConfig(Map<String, String> values) {
    this.values = values;
  }

  /** Defaults, then {@code file} (may be null), then {@code overrides}. */
  public static NodeConfig load(Path file, Map<String, String> overrides) throws IOException {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String k : p.stringPropertyNames()) {
        put(v, k, p.getProperty(k).trim());
      }
    }
    overrides.forEach((k, val) -> put(v, k, val));
    NodeConfig c = new NodeConfig(v);
    c.validate();
    return c;
  }

  public static NodeConfig of(Map<String, String> overrides) {
    try {
      return load(null, overrides);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, String> v, String key, String value) {
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException("unknown node setting '" + key + "'");
    }
    v.put(key, value);
  }

  private void validate() {
    if (!get("crossref.hub").isEmpty()
        && (get("crossref.key").isEmpty() || get("crossref.token-file").isEmpty() || !crossrefEnabled())) {
      throw new IllegalArgumentException("crossref.hub needs crossref.key, crossref.token-file and crossref.blinding-key");
    }
    if (!Set.of("kafka", "directory").contains(get("input"))) {
      throw new IllegalArgumentException("input must be kafka or directory, not '" + get("input") + "'");
    }
    if (isKafkaInput() && get("kafka.bootstrap-servers").isEmpty()) {
      throw new IllegalArgumentException("input=kafka needs kafka.bootstrap-servers");
    }
    if (!Set.of("true", "false").contains(get("linking.enabled"))) {
      throw new IllegalArgumentException("linking.enabled must be true or false");
    }
    if (!Set.of("session", "none").contains(get("http.auth"))) {
      throw new IllegalArgumentException("http.auth must be session or none");
    }
    if (get("http.auth").equals("none") && !isLoopback(get("http.host"))) {
      throw new IllegalArgumentException("http.auth=none is refused unless http.host is a loopback address (127.0.0.1, ::1), not '"
          + get("http.host") + "'");
    }
    if (!Set.of("auto", "true", "false").contains(get("http.cookie-secure"))) {
      throw new IllegalArgumentException("http.cookie-secure must be auto, true or false");
    }
    for (String k : List.of("store.examples", "store.redact")) {
      if (!Set.of("true", "false").contains(get(k))) {
        throw new IllegalArgumentException(k + " must be true or false");
      }
    }
    if (!Set.of("exactly-once", "at-least-once").contains(get("kafka.delivery"))) {
      throw new IllegalArgumentException("kafka.delivery must be exactly-once or at-least-once");
    }
    if (parallelism() < 1 || parallelism() > 1024) {
      throw new IllegalArgumentException("parallelism must be in [1, 1024]");
    }
    int port = httpPort();
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be in [0, 65535]");
    }
    for (String k : List.of("input.scan-interval", "checkpoint.interval", "event-time.out-of-orderness",
        "event-time.idleness", "event-time.allowed-lateness", "event-time.apply-interval", "dedup.ttl", "state.idle-expiry", "kafka.transaction-timeout",
        "http.session-idle", "http.session-max", "retention.activity", "retention.examples",
        "screening.scan-interval",
        "crossref.pull-interval", "crossref.publish-interval", "crossref.half-life")) {
      duration(k);
    }
    if (checkpointInterval().compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("checkpoint.interval must be at least 100ms");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The console's settings from the {@code http.*} keys. */
  public io.distillwatch.node.console.ConsoleSettings consoleSettings() {
    return new io.distillwatch.node.console.ConsoleSettings(
        get("http.auth").equals("session"), get("http.cookie-secure"), duration("http.session-idle"), duration("http.session-max"));
  }

  /** What the console keeps beside verdicts: example prompts on/off, redaction, retention. */
  public io.distillwatch.node.console.ActivitySettings activitySettings() {
    return new io.distillwatch.node.console.ActivitySettings(
        Boolean.parseBoolean(get("store.examples")), Boolean.parseBoolean(get("store.redact")),
        duration("retention.activity"), duration("retention.examples"));
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown node setting '" + key + "'");
    }
    return v;
  }

  /** Parses 500ms, 5s, 2m, 1h, 1d or ISO-8601 (PT5S). */
  public Duration duration(String key) {
    String v = get(key).toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + ": '" + get(key) + "' is not a duration (500ms, 5s, 2m, 1h, 1d)");
    }
  }

  private int integer(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + get(key) + "' is not an integer");
    }
  }

  public boolean isKafkaInput() {
    return get("input").equals("kafka");
  }

  /** Verdict changes go to Kafka when bootstrap servers are set. */
  public boolean hasKafkaOutput() {
    return !get("kafka.bootstrap-servers").isEmpty() && !get("kafka.output-topic").isEmpty();
  }

  public int parallelism() {
    return integer("parallelism");
  }

  public int httpPort() {
    return integer("http.port");
  }

  public Path dataDir() {
    return Path.of(get("data.dir"));
  }

  public Path checkpointDir() {
    String v = get("checkpoint.dir");
    return v.isEmpty() ? dataDir().resolve("checkpoints") : Path.of(v);
  }

  public Duration checkpointInterval() {
    return duration("checkpoint.interval");
  }

  public StoreConfig store() {
    String url = get("store.url");
    if (url.isEmpty()) {
      return StoreConfig.embedded(dataDir());
    }
    String password = get("store.password");
    if (password.isEmpty() && System.getenv("DISTILLWATCH_STORE_PASSWORD") != null) {
      password = System.getenv("DISTILLWATCH_STORE_PASSWORD");
    }
    return new StoreConfig(url, get("store.user"), password);
  }

  public StreamSettings streamSettings() {
    StreamSettings s = new StreamSettings();
    s.outOfOrderness = duration("event-time.out-of-orderness");
    s.idleness = duration("event-time.idleness");
    s.allowedLateness = duration("event-time.allowed-lateness");
    s.applyInterval = duration("event-time.apply-interval");
    if (s.applyInterval.toMillis() < 1) {
      throw new IllegalArgumentException("event-time.apply-interval must be at least 1ms");
    }
    s.dedupTtl = duration("dedup.ttl");
    s.idleStateExpiry = duration("state.idle-expiry");
    if (s.idleStateExpiry.isNegative()) {
      throw new IllegalArgumentException("state.idle-expiry must be >= 0 (0 keeps account state for ever)");
    }
    s.linking = Boolean.parseBoolean(get("linking.enabled"));
    return s;
  }

  public List<String> mapSpecs() {
    String v = get("input.map");
    return v.isEmpty() ? List.of() : List.of(v);
  }

  /** The side files for the detector, in the form {@code scan} takes them. */
  public ScanRequest sideFiles() {
    ScanRequest r = new ScanRequest();
    r.accounts = emptyToNull(get("accounts"));
    r.models = emptyToNull(get("models"));
    // empty: the shipped public data, as in scan; "none": no IP intelligence (scan's --no-ipintel)
    String ipintel = get("ipintel");
    r.noIpintel = ipintel.equals("none");
    r.ipintel = r.noIpintel ? null : emptyToNull(ipintel);
    r.allowlist = emptyToNull(get("allowlist"));
    r.config = emptyToNull(get("detection.config"));
    if (crossrefEnabled()) {
      r.indicators = crossrefDir().toString();
      r.blindingKey = get("crossref.blinding-key");
    }
    return r;
  }

  /** Cross-referencing is on when a blinding key is configured (matching; publishing also needs crossref.hub). */
  public boolean crossrefEnabled() {
    return !get("crossref.blinding-key").isEmpty();
  }

  /** Where pulled indicators and the publish ledger live (default: data.dir/crossref). */
  public Path crossrefDir() {
    String v = get("crossref.dir");
    return (v.isEmpty() ? dataDir().resolve("crossref") : Path.of(v)).toAbsolutePath().normalize();
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Kafka producer settings for the verdict sink. */
  public Properties producerConfig() {
    Properties p = new Properties();
    p.setProperty("transaction.timeout.ms", String.valueOf(duration("kafka.transaction-timeout").toMillis()));
    return p;
  }
}
