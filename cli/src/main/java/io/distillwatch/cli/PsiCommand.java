package io.distillwatch.cli;

import io.distillwatch.node.psi.PsiHttpClient;
import io.distillwatch.sharing.psi.BlindingKey;
import io.distillwatch.sharing.psi.PsiEvidence;
import io.distillwatch.sharing.psi.PsiException;
import io.distillwatch.sharing.psi.PsiInitiator;
import io.distillwatch.sharing.psi.PsiMode;
import io.distillwatch.sharing.psi.PsiPeers;
import io.distillwatch.sharing.psi.PsiPolicy;
import io.distillwatch.sharing.psi.PsiResult;
import io.distillwatch.sharing.psi.PsiSet;
import io.distillwatch.sharing.psi.PsiWorkers;
import io.distillwatch.sharing.sign.NodeKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch psi}: private set intersection with another member's node. */
@Command(
    name = "psi",
    mixinStandardHelpOptions = true,
    description = {
      "Compare a set of identifiers with another member's node by private set intersection (ECDH over",
      "ristretto255): intersect = each side learns which of its own items the other also has; count = only",
      "how many. Non-shared items stay hidden from both. Matches are appended as crossref.match JSON Lines.",
      "Set file: one kind:value per line (ip:203.0.113.7, email:..., account:...), or bare values with --kind.",
      "Exit codes: 0 done, 1 the peer refused, could not be reached or deviated, 2 usage error, 3 input unreadable."
    })
public final class PsiCommand implements Callable<Integer> {

  @Option(names = "--peer", required = true, paramLabel = "URL", description = "The peer node, e.g. https://node.provider-b.example/")
  URI peer;

  @Option(names = "--set", required = true, paramLabel = "FILE", description = "Our items.")
  Path set;

  @Option(names = "--mode", required = true, paramLabel = "MODE", description = "intersect or count.")
  String mode;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "Our node key file from `keygen`.")
  Path key;

  @Option(names = "--members", required = true, paramLabel = "FILE",
      description = "Peers' public keys: member entries as `keygen` prints them, or a hub.json.")
  Path members;

  @Option(names = "--peer-name", paramLabel = "NAME", description = "Only believe answers signed by this member.")
  String peerName;

  @Option(names = "--kind", paramLabel = "KIND", description = "Kind of every line (ip, email, account, ...) when lines carry none.")
  String kind;

  @Option(names = "--out", defaultValue = "psi-matches.jsonl", paramLabel = "FILE",
      description = "Evidence JSON Lines to append to (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--min-set-size", defaultValue = "100", description = "Smallest set we run with, ours or the peer's (default: ${DEFAULT-VALUE}).")
  int minSetSize;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for group arithmetic (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() {
    PsiMode m;
    try {
      m = PsiMode.parse(mode.toLowerCase(Locale.ROOT));
    } catch (PsiException e) {
      System.err.println("distillwatch psi: --mode must be intersect or count");
      return ExitCodes.USAGE;
    }
    if (threads < 1 || minSetSize < 1) {
      System.err.println("distillwatch psi: --threads and --min-set-size must be positive");
      return ExitCodes.USAGE;
    }
    NodeKey nodeKey;
    PsiPeers peers;
    PsiSet ours;
    try (PsiWorkers workers = new PsiWorkers("psi-client", threads)) {
      try {
        nodeKey = NodeKey.load(key);
        peers = PsiPeers.read(members);
        ours = PsiSet.of(PsiSet.read(set, kind), workers);
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("distillwatch psi: " + e.getMessage());
        return ExitCodes.INPUT_UNREADABLE;
      }
      try {
        PsiInitiator initiator = new PsiInitiator(m, ours, BlindingKey.fresh(), PsiPolicy.DEFAULTS.withMinSetSize(minSetSize), workers);
        PsiHttpClient client = new PsiHttpClient(peer, nodeKey.signingKey(), peers, peerName, null);
        PsiResult result = client.run(initiator);
        PsiEvidence.append(out, result, client.peer(), System.currentTimeMillis());
        System.out.printf(Locale.ROOT, "psi %s with %s: %d of our %d items shared (peer has %d); evidence appended to %s%n",
            m.wireName(), client.peer().name(), result.count(), result.ownSize(), result.peerSize(), out);
        return ExitCodes.OK;
      } catch (PsiException e) {
        System.err.println("distillwatch psi: refused (" + e.reason() + "): " + e.getMessage());
        return e.reason() == PsiException.Reason.SET_TOO_SMALL || e.reason() == PsiException.Reason.SET_TOO_LARGE
            ? ExitCodes.USAGE : 1;
      } catch (PsiHttpClient.PeerException e) {
        System.err.println("distillwatch psi: the peer refused (" + e.reason() + ", HTTP " + e.status() + "): " + e.getMessage());
        return 1;
      } catch (IOException e) {
        System.err.println("distillwatch psi: cannot reach the peer: " + e.getClass().getSimpleName() + " " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
  }
}
