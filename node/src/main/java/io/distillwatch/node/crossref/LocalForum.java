package io.distillwatch.node.crossref;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.server.HubServer;
import io.distillwatch.hub.store.JdbcHubStore;
import io.distillwatch.sharing.crossref.BlindingKeys;
import io.distillwatch.sharing.sign.NodeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A forum in one process, for the demo and the cross-provider tests: a hub on a loopback port with an
 * in-memory store and one collection every member reads and writes, and per member a key file, a token
 * file and the shared blinding keyset in {@code dir}. {@link #nodeSettings} gives a member node's
 * {@code crossref.*} settings.
 */
public final class LocalForum implements AutoCloseable {
  public static final String COLLECTION = "campaigns";

  private final Path dir;
  private final HubServer hub;
  private final JdbcHubStore store;
  private final Map<String, NodeKey> keys = new LinkedHashMap<>();

  private LocalForum(Path dir, HubServer hub, JdbcHubStore store, Map<String, NodeKey> keys) {
    this.dir = dir;
    this.hub = hub;
    this.store = store;
    this.keys.putAll(keys);
  }

  public static LocalForum start(Path dir, List<String> memberNames) throws IOException {
    Files.createDirectories(dir);
    BlindingKeys.generate().save(dir.resolve("blinding-key.json"));
    List<HubConfig.Member> members = new ArrayList<>();
    Map<String, NodeKey> keys = new LinkedHashMap<>();
    SecureRandom random = new SecureRandom();
    for (String name : memberNames) {
      NodeKey k = NodeKey.generate(name);
      k.save(dir.resolve(name + "-key.json"));
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Files.writeString(dir.resolve(name + "-token"), token + "\n", StandardCharsets.UTF_8);
      members.add(new HubConfig.Member(name, k.identityId(), Members.sha256Hex(token),
          List.of(new HubConfig.Key(k.signingKey().keyId(), k.signingKey().publicKeyBase64()))));
      keys.put(name, k);
    }
    HubConfig config = new HubConfig("Local forum", "forum", null, null, null, null, members,
        List.of(new HubConfig.Collection(COLLECTION, "Campaigns", "cross-referencing", List.of("*"), List.of("*"))));
    config.validate();
    JdbcHubStore store = JdbcHubStore.open("jdbc:h2:mem:forum-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
        4, Clock.systemUTC());
    HubServer hub = HubServer.start(config, store, Clock.systemUTC(), "127.0.0.1", 0);
    return new LocalForum(dir, hub, store, keys);
  }

  public String apiRoot() {
    return "http://127.0.0.1:" + hub.port() + "/forum/";
  }

  public NodeKey key(String member) {
    return keys.get(member);
  }

  public Path blindingKey() {
    return dir.resolve("blinding-key.json");
  }

  /** A member node's cross-referencing settings (pull and publish every {@code interval}). */
  public Map<String, String> nodeSettings(String member, String interval) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("crossref.hub", apiRoot());
    m.put("crossref.collection", COLLECTION);
    m.put("crossref.key", dir.resolve(member + "-key.json").toString());
    m.put("crossref.token-file", dir.resolve(member + "-token").toString());
    m.put("crossref.blinding-key", blindingKey().toString());
    m.put("crossref.pull-interval", interval);
    m.put("crossref.publish-interval", interval);
    return m;
  }

  @Override
  public void close() {
    hub.close();
    store.close();
  }
}
