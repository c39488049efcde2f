package io.distillwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.client.Puller;
import io.distillwatch.hub.config.HubConfig;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.hub.store.JdbcHubStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distillwatch pull}: hub collections into the node's local intelligence store, resumably. */
@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Pull TAXII collections into a local store, resuming from the last added_after (kept in --state).",
      "Exit codes: 0 done, 1 the hub refused or could not be reached, 2 usage error, 3 input unreadable."
    })
public final class PullCommand implements Callable<Integer> {

  @Option(names = "--hub", required = true, paramLabel = "URL", description = "API root, e.g. https://hub.example/forum/")
  URI hub;

  @Option(names = "--collection", required = true, paramLabel = "ID", description = "Repeatable.")
  List<String> collections = new ArrayList<>();

  @Option(names = "--token-file", required = true, paramLabel = "FILE")
  Path tokenFile;

  @Option(names = "--store", defaultValue = "jdbc:h2:file:./intel/intel", paramLabel = "JDBC_URL",
      description = "Local store (default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--state", defaultValue = "./intel/pull-state.json", paramLabel = "FILE",
      description = "Where the last added_after per collection is kept (default: ${DEFAULT-VALUE}).")
  Path state;

  @Option(names = "--members", paramLabel = "FILE",
      description = "JSON list of members (name, identity_id, keys) or a hub.json: verify every pulled object's"
          + " signature and created_by_ref; objects that fail are skipped.")
  Path membersFile;

  @Mixin HubTlsOptions tls = new HubTlsOptions();

  @Option(names = "--indicators-out", paramLabel = "DIR",
      description = "Also write every pulled object to DIR/pulled-COLLECTION.jsonl (resumable), for `scan --indicators DIR`.")
  Path indicatorsOut;

  @Option(names = "--page-size", defaultValue = "1000", description = "Objects per page (default: ${DEFAULT-VALUE}).")
  int pageSize;

  private static Members readMembers(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(file.toFile());
    JsonNode list = root.isArray() ? root : root.path("members");
    List<HubConfig.Member> members = new ArrayList<>();
    for (JsonNode m : list) {
      List<HubConfig.Key> keys = new ArrayList<>();
      m.path("keys").forEach(k -> keys.add(new HubConfig.Key(k.path("key_id").asText(), k.path("public_key").asText())));
      members.add(new HubConfig.Member(m.path("name").asText(), m.path("identity_id").asText(),
          m.path("token_sha256").asText(null), keys));
    }
    if (members.isEmpty()) {
      throw new IOException("no members");
    }
    return Members.publicKeysOf(members);
  }

  @Override
  public Integer call() {
    if (pageSize < 1) {
      System.err.println("distillwatch pull: --page-size must be positive");
      return ExitCodes.USAGE;
    }
    String token;
    try {
      token = Files.readAllLines(tokenFile).stream().findFirst().orElse("").trim();
    } catch (IOException e) {
      System.err.println("distillwatch pull: cannot read " + tokenFile);
      return ExitCodes.INPUT_UNREADABLE;
    }
    Members signers = null;
    if (membersFile != null) {
      try {
        signers = readMembers(membersFile);
      } catch (IOException | RuntimeException e) {
        System.err.println("distillwatch pull: cannot read members from " + membersFile);
        return ExitCodes.INPUT_UNREADABLE;
      }
    }
    SSLContext tlsContext;
    try {
      tlsContext = tls.context(hub);
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch pull: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("distillwatch pull: " + e.getMessage());
      return ExitCodes.INPUT_UNREADABLE;
    }
    try (JdbcHubStore local = JdbcHubStore.open(store, "sa", "", 1, Clock.systemUTC())) {
      Puller puller = new Puller(new TaxiiClient(hub, token, tlsContext), local, state, signers);
      for (String collection : collections) {
        Puller.Result r = puller.pull(collection, pageSize);
        System.out.println("distillwatch pull: " + collection + ": " + r.received() + " received, " + r.stored()
            + " new, " + r.skipped() + " skipped; resume after " + r.addedAfter());
        if (indicatorsOut != null) {
          int n = io.distillwatch.hub.client.IndicatorPull.pull(new TaxiiClient(hub, token, tlsContext), collection,
              indicatorsOut, pageSize);
          System.out.println("distillwatch pull: " + collection + ": " + n + " objects written to " + indicatorsOut);
        }
      }
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch pull: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("distillwatch pull: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
