package io.distillwatch.cli;

import io.distillwatch.sharing.crossref.BlindingKeys;
import io.distillwatch.sharing.crossref.SharingPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.client.TaxiiClient;
import io.distillwatch.sharing.publish.PublishBundle;
import io.distillwatch.sharing.publish.PublishLedger;
import io.distillwatch.sharing.sign.NodeKey;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.StixJson;
import io.distillwatch.sharing.stix.Tlp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code distillwatch publish}: flagged campaigns from a scan output, as signed STIX, to a hub
 * collection. Carries no account, payment, e-mail or IP identifier and no prompt text.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish flagged clusters and accounts of a scan output as signed STIX 2.1 campaigns to a TAXII hub.",
      "Only counts, signal ids, ATLAS techniques, capability names and times leave the node.",
      "Exit codes: 0 done, 1 the hub refused or could not be reached, 2 usage error, 3 input unreadable."
    })
public final class PublishCommand implements Callable<Integer> {

  @Option(names = "--scan-out", required = true, paramLabel = "DIR", description = "Output directory of `scan`.")
  Path scanOut;

  @Option(names = "--hub", required = true, paramLabel = "URL", description = "API root, e.g. https://hub.example/forum/")
  URI hub;

  @Option(names = "--collection", required = true, paramLabel = "ID")
  String collection;

  @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "Bearer token (first line).")
  Path tokenFile;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Node key file from `keygen`.")
  Path keyFile;

  @Option(names = "--tlp", defaultValue = "amber", description = "clear|green|amber|amber+strict (default: ${DEFAULT-VALUE}); red is refused.")
  String tlp;

  @Option(names = "--include-suspicious", description = "Also publish clusters/accounts with verdict 'suspicious'.")
  boolean includeSuspicious;

  @Option(names = "--ledger", paramLabel = "FILE",
      description = "Publication ledger for idempotent re-publishing (default: published-ledger.json beside --key).")
  Path ledgerFile;

  @Option(names = "--blinding-key", paramLabel = "FILE",
      description = "Members' blinding keyset (Tink JSON, `keygen --blinding-key-out`): also publish cross-reference"
          + " indicators and keyed template sketches (docs/crossref.md).")
  Path blindingKey;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Sharing policy (identifiers, min_cluster_size) for cross-reference indicators; default: every"
          + " kind that may travel. Needs --blinding-key.")
  Path policyFile;

  @Option(names = "--accounts", paramLabel = "FILE",
      description = "Accounts file: payment fingerprints and e-mail domains of flagged accounts (blinded). Needs --blinding-key.")
  Path accountsFile;

  @Mixin HubTlsOptions tls = new HubTlsOptions();

  @Option(names = "--dry-run", paramLabel = "FILE",
      description = "Write what would be posted to FILE as a STIX 2.1 bundle instead of posting.")
  Path dryRun;

  @Override
  public Integer call() {
    Tlp level;
    try {
      level = Tlp.parse(tlp);
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch publish: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (level == Tlp.RED) {
      System.err.println("distillwatch publish: TLP:RED never leaves the node");
      return ExitCodes.USAGE;
    }
    if (!Files.isReadable(scanOut.resolve("accounts.jsonl"))) {
      System.err.println("distillwatch publish: cannot read " + scanOut.resolve("accounts.jsonl"));
      return ExitCodes.INPUT_UNREADABLE;
    }
    PublishBundle.Crossref crossref = null;
    if ((policyFile != null || accountsFile != null) && blindingKey == null) {
      System.err.println("distillwatch publish: --policy and --accounts need --blinding-key");
      return ExitCodes.USAGE;
    }
    if (blindingKey != null) {
      try {
        crossref = new PublishBundle.Crossref(
            policyFile == null ? SharingPolicy.defaults() : SharingPolicy.load(policyFile),
            BlindingKeys.load(blindingKey), accountsFile);
      } catch (IllegalArgumentException e) {
        System.err.println("distillwatch publish: " + e.getMessage());
        return ExitCodes.USAGE;
      } catch (IOException e) {
        System.err.println("distillwatch publish: " + e.getMessage());
        return ExitCodes.INPUT_UNREADABLE;
      }
    }
    NodeKey key;
    String token;
    try {
      key = NodeKey.load(keyFile);
      token = dryRun != null ? "" : Files.readAllLines(tokenFile).stream().findFirst().orElse("").trim();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("distillwatch publish: cannot read key or token file");
      return ExitCodes.INPUT_UNREADABLE;
    }
    SSLContext tlsContext;
    try {
      tlsContext = dryRun != null ? null : tls.context(hub);
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch publish: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("distillwatch publish: " + e.getMessage());
      return ExitCodes.INPUT_UNREADABLE;
    }
    try {
      Path ledgerPath = ledgerFile != null ? ledgerFile
          : keyFile.toAbsolutePath().resolveSibling("published-ledger.json");
      PublishLedger ledger = PublishLedger.open(ledgerPath);
      PublishBundle.Contents contents =
          PublishBundle.build(scanOut, key, level, includeSuspicious, ledger, Instant.now(), crossref);
      List<ObjectNode> signed = contents.objects();
      if (dryRun != null) {
        StixJson.mapper().writerWithDefaultPrettyPrinter().writeValue(dryRun.toFile(), StixFactory.bundle(signed));
        System.out.println("distillwatch publish: " + contents.campaigns() + " campaigns, " + signed.size()
            + " objects written as a STIX bundle to " + dryRun + " (not posted)");
        return ExitCodes.OK;
      }
      List<JsonNode> statuses = new TaxiiClient(hub, token, tlsContext).add(collection, signed);
      ledger.save();
      int ok = statuses.stream().mapToInt(s -> s.path("success_count").asInt()).sum();
      System.out.println("distillwatch publish: " + contents.campaigns() + " campaigns, " + ok + " objects accepted by "
          + collection);
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch publish: refused by the disclosure policy: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (TaxiiClient.TaxiiClientException e) {
      System.err.println("distillwatch publish: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("distillwatch publish: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
