package io.distillwatch.hub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.taxii.TaxiiMedia;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minimal TAXII 2.1 client over {@link HttpClient}: adds objects in envelopes of at most {@value
 * #BATCH} objects, and reads object pages. The bearer token is sent only to the configured API root.
 */
public final class TaxiiClient {

  /** Objects per POST: 500. */
  public static final int BATCH = 500;

  private final URI apiRoot;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper mapper = new ObjectMapper();

  /** @param apiRoot e.g. {@code https://hub.example/forum/} (trailing slash added if missing) */
  public TaxiiClient(URI apiRoot, String token) {
    this(apiRoot, token, (javax.net.ssl.SSLContext) null);
  }

  /** @param tls trust and client certificate for an https hub ({@link ClientTls}); null: the JVM's defaults */
  public TaxiiClient(URI apiRoot, String token, javax.net.ssl.SSLContext tls) {
    this(apiRoot, token, client(tls));
  }

  /** Over a given HTTP client (tests capture what a node sends through it). */
  public TaxiiClient(URI apiRoot, String token, HttpClient http) {
    String s = apiRoot.toString();
    this.apiRoot = URI.create(s.endsWith("/") ? s : s + "/");
    this.token = token.trim();
    this.http = http;
  }

  /** The HTTP client a TaxiiClient makes by default (10 s connect timeout, optional TLS context). */
  public static HttpClient client(javax.net.ssl.SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  /** A page of objects and its paging state. */
  public record Page(List<JsonNode> objects, boolean more, String next, Optional<String> dateAddedLast) {}

  /** The hub refused a request; carries the TAXII error's status, code and description. */
  public static final class TaxiiClientException extends IOException {
    private final int status;

    public TaxiiClientException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Posts objects in batches; returns the status resources. */
  public List<JsonNode> add(String collection, List<? extends JsonNode> objects) throws IOException, InterruptedException {
    List<JsonNode> statuses = new ArrayList<>();
    for (int i = 0; i < objects.size(); i += BATCH) {
      ObjectNode envelope = mapper.createObjectNode();
      ArrayNode arr = envelope.putArray("objects");
      objects.subList(i, Math.min(objects.size(), i + BATCH)).forEach(arr::add);
      byte[] body = mapper.writeValueAsBytes(envelope);
      HttpRequest req = request(objectsUri(collection, ""))
          .header("Content-Type", TaxiiMedia.TAXII)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      statuses.add(send(req));
    }
    return statuses;
  }

  /** One page of objects (all versions when {@code allVersions}), added after {@code addedAfter}. */
  public Page objects(String collection, String addedAfter, int limit, boolean allVersions)
      throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder("?limit=").append(limit);
    if (addedAfter != null) {
      q.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
    }
    if (allVersions) {
      q.append("&").append(URLEncoder.encode("match[version]", StandardCharsets.UTF_8)).append("=all");
    }
    HttpRequest req = request(objectsUri(collection, q.toString())).GET().build();
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = check(r);
    List<JsonNode> objects = new ArrayList<>();
    body.path("objects").forEach(objects::add);
    return new Page(objects, body.path("more").asBoolean(false), body.path("next").asText(null),
        r.headers().firstValue("X-TAXII-Date-Added-Last"));
  }

  private URI objectsUri(String collection, String query) {
    if (!collection.matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")) {
      throw new IllegalArgumentException("bad collection id: " + collection);
    }
    return apiRoot.resolve("collections/" + collection + "/objects/" + query);
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Accept", TaxiiMedia.TAXII)
        .header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest req) throws IOException, InterruptedException {
    return check(http.send(req, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private JsonNode check(HttpResponse<byte[]> r) throws IOException {
    JsonNode body;
    try {
      body = r.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(r.body());
    } catch (IOException e) {
      throw new TaxiiClientException(r.statusCode(), "hub answered " + r.statusCode() + " with a non-JSON body");
    }
    if (r.statusCode() / 100 != 2) {
      throw new TaxiiClientException(r.statusCode(), "hub refused (" + r.statusCode() + " "
          + body.path("error_code").asText("") + "): " + body.path("description").asText(""));
    }
    return body;
  }
}
