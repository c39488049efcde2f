package io.distillwatch.hub.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hub's configuration file ({@code hub.json}): listen address, store, limits, members (token
 * hash, Ed25519 public keys, STIX identity) and collections with per-member read/write lists
 * ({@code "*"} means every member). Tokens appear only as SHA-256 hex.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HubConfig(
    @JsonProperty("title") String title,
    @JsonProperty("api_root") String apiRoot,
    @JsonProperty("listen") Listen listen,
    @JsonProperty("tls") Tls tls,
    @JsonProperty("store") Store store,
    @JsonProperty("limits") Limits limits,
    @JsonProperty("members") List<Member> members,
    @JsonProperty("collections") List<Collection> collections) {

  private static final Pattern ROOT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern COLLECTION_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Pattern IDENTITY =
      Pattern.compile("^identity--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

  /** Listen address; defaults 127.0.0.1:9440. Port 0 picks a free port. */
  public record Listen(@JsonProperty("host") String host, @JsonProperty("port") Integer port) {}

  /**
   * Optional TLS on the hub's own port. {@code keystore}: PKCS#12 with the server key and
   * certificate. With {@code require_client_certificate}, clients must also present a certificate
   * issued by (or contained in) {@code truststore} (mutual TLS); the bearer token is still required.
   * Passwords come from the environment variables named.
   */
  public record Tls(
      @JsonProperty("keystore") String keystore,
      @JsonProperty("keystore_password_env") String keystorePasswordEnv,
      @JsonProperty("truststore") String truststore,
      @JsonProperty("truststore_password_env") String truststorePasswordEnv,
      @JsonProperty("require_client_certificate") Boolean requireClientCertificate) {

    public boolean mutual() {
      return Boolean.TRUE.equals(requireClientCertificate);
    }
  }

  /** JDBC store; default {@code jdbc:h2:file:./hub-data/hub}. The password comes from an env var. */
  public record Store(
      @JsonProperty("url") String url,
      @JsonProperty("user") String user,
      @JsonProperty("password_env") String passwordEnv) {}

  /**
   * Limits. Defaults: max_content_length 4 MiB, max_object_bytes 64 KiB, max_depth 16,
   * requests_per_minute 600 per member with a burst of 120, page size 1000 (max_page),
   * 5000 objects per POST.
   */
  public record Limits(
      @JsonProperty("max_content_length") Integer maxContentLength,
      @JsonProperty("max_object_bytes") Integer maxObjectBytes,
      @JsonProperty("max_depth") Integer maxDepth,
      @JsonProperty("requests_per_minute") Integer requestsPerMinute,
      @JsonProperty("burst") Integer burst,
      @JsonProperty("max_page") Integer maxPage,
      @JsonProperty("max_objects_per_request") Integer maxObjectsPerRequest) {

    public static Limits defaults() {
      return new Limits(null, null, null, null, null, null, null);
    }

    public int maxContentLengthOrDefault() {
      return maxContentLength == null ? 4 * 1024 * 1024 : maxContentLength;
    }

    public int maxObjectBytesOrDefault() {
      return maxObjectBytes == null ? 64 * 1024 : maxObjectBytes;
    }

    public int maxDepthOrDefault() {
      return maxDepth == null ? 16 : maxDepth;
    }

    public int requestsPerMinuteOrDefault() {
      return requestsPerMinute == null ? 600 : requestsPerMinute;
    }

    public int burstOrDefault() {
      return burst == null ? 120 : burst;
    }

    public int maxPageOrDefault() {
      return maxPage == null ? 1000 : maxPage;
    }

    public int maxObjectsPerRequestOrDefault() {
      return maxObjectsPerRequest == null ? 5000 : maxObjectsPerRequest;
    }
  }

  public record Member(
      @JsonProperty("name") String name,
      @JsonProperty("identity_id") String identityId,
      @JsonProperty("token_sha256") String tokenSha256,
      @JsonProperty("keys") List<Key> keys) {}

  /** An Ed25519 public key (base64 of the raw 32 bytes) and its key id. */
  public record Key(@JsonProperty("key_id") String keyId, @JsonProperty("public_key") String publicKey) {}

  public record Collection(
      @JsonProperty("id") String id,
      @JsonProperty("title") String title,
      @JsonProperty("description") String description,
      @JsonProperty("read") List<String> read,
      @JsonProperty("write") List<String> write) {

    public boolean canRead(String member) {
      return read != null && (read.contains("*") || read.contains(member));
    }

    public boolean canWrite(String member) {
      return write != null && (write.contains("*") || write.contains(member));
    }
  }

  public static HubConfig load(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    HubConfig config = mapper.readValue(file.toFile(), HubConfig.class);
    config.validate();
    return config;
  }

  public String apiRootOrDefault() {
    return apiRoot == null ? "forum" : apiRoot;
  }

  public String titleOrDefault() {
    return title == null ? "DistillWatch forum hub" : title;
  }

  public Limits limitsOrDefault() {
    return limits == null ? Limits.defaults() : limits;
  }

  public Optional<Collection> collection(String id) {
    return collections.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Throws {@link IllegalArgumentException} naming the first problem found. */
  public void validate() {
    if (!ROOT.matcher(apiRootOrDefault()).matches()) {
      throw new IllegalArgumentException("api_root must be lowercase letters, digits and hyphens");
    }
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("at least one member is required");
    }
    Set<String> names = new HashSet<>();
    Set<String> keyIds = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (Member m : members) {
      if (m.name() == null || m.name().isBlank() || !names.add(m.name())) {
        throw new IllegalArgumentException("member names must be present and unique");
      }
      if (m.tokenSha256() == null || !HEX64.matcher(m.tokenSha256().toLowerCase(Locale.ROOT)).matches()
          || !tokens.add(m.tokenSha256().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("member " + m.name() + ": token_sha256 must be 64 hex digits, unique");
      }
      if (m.identityId() == null || !IDENTITY.matcher(m.identityId()).matches()) {
        throw new IllegalArgumentException("member " + m.name() + ": identity_id must be identity--<UUID>");
      }
      if (m.keys() == null || m.keys().isEmpty()) {
        throw new IllegalArgumentException("member " + m.name() + ": at least one key is required");
      }
      for (Key k : m.keys()) {
        if (k.keyId() == null || !keyIds.add(k.keyId()) || k.publicKey() == null) {
          throw new IllegalArgumentException("member " + m.name() + ": key ids must be present and unique");
        }
      }
    }
    if (tls != null) {
      if (tls.keystore() == null) {
        throw new IllegalArgumentException("tls.keystore is required when tls is given");
      }
      if (tls.mutual() && tls.truststore() == null) {
        throw new IllegalArgumentException("tls.truststore is required with require_client_certificate");
      }
    }
    if (collections == null || collections.isEmpty()) {
      throw new IllegalArgumentException("at least one collection is required");
    }
    Set<String> ids = new HashSet<>();
    for (Collection c : collections) {
      if (c.id() == null || !COLLECTION_ID.matcher(c.id()).matches() || !ids.add(c.id())) {
        throw new IllegalArgumentException("collection ids must be unique, letters/digits/._- (max 64)");
      }
      knownMembers(c, "read", c.read(), names);
      knownMembers(c, "write", c.write(), names);
    }
  }

  /** A typo in a read/write list would silently lock a member out (or in): refused at start-up. */
  private static void knownMembers(Collection c, String list, List<String> entries, Set<String> names) {
    for (String name : entries == null ? List.<String>of() : entries) {
      if (!"*".equals(name) && !names.contains(name)) {
        throw new IllegalArgumentException("collection " + c.id() + ": " + list + " names unknown member '"
            + name + "' (members: " + String.join(", ", new java.util.TreeSet<>(names)) + ", or \"*\")");
      }
    }
  }

  /**
   * Throws {@link IllegalArgumentException} if an environment variable the config names for a
   * password ({@code store.password_env}, {@code tls.*_password_env}) is not set: starting with an
   * empty password instead would fail later, or worse, work against an unprotected store.
   */
  public void requireEnvironment(java.util.function.Function<String, String> env) {
    java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
    if (store != null && store.passwordEnv() != null) {
      named.put("store.password_env", store.passwordEnv());
    }
    if (tls != null && tls.keystorePasswordEnv() != null) {
      named.put("tls.keystore_password_env", tls.keystorePasswordEnv());
    }
    if (tls != null && tls.truststorePasswordEnv() != null) {
      named.put("tls.truststore_password_env", tls.truststorePasswordEnv());
    }
    for (java.util.Map.Entry<String, String> e : named.entrySet()) {
      if (env.apply(e.getValue()) == null) {
        throw new IllegalArgumentException(e.getKey() + " names the environment variable " + e.getValue()
            + ", which is not set");
      }
    }
  }
}
