package io.distillwatch.sharing.psi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.util.Times;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes what a PSI session found as JSON Lines, the input a later {@code crossref.match} signal
 * reads (issue 16 is not built yet; see docs/wire-formats.md, "PSI evidence"):
 *
 * <pre>
 * {"type":"crossref.match","source":"psi","kind":"ip","value":"203.0.113.7","peer":"provider-b",
 *  "peer_key_id":"ed25519:…","session":"…","at":"2026-12-02T17:00:00.000Z"}
 * {"type":"psi.count","source":"psi","peer":…,"peer_key_id":…,"session":…,"at":…,"count":12,
 *  "own_size":1000,"peer_size":800}
 * </pre>
 *
 * One {@code crossref.match} line per own item found in the peer's set (intersect mode), one {@code
 * psi.count} line per session (both modes). The file stays on the node: it names the node's own
 * identifiers in clear, like accounts.jsonl.
 */
public final class PsiEvidence {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PsiEvidence() {}

  /** Appends the lines of {@code result} to {@code file} (created if missing). */
  public static synchronized void append(Path file, PsiResult result, PsiPeers.Peer peer, long atMillis)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      write(w, result, peer, atMillis);
    }
  }

  static void write(Writer w, PsiResult result, PsiPeers.Peer peer, long atMillis) throws IOException {
    String at = Times.format(atMillis);
    for (PsiItem item : result.matched()) {
      ObjectNode n = JSON.createObjectNode().put("type", "crossref.match").put("source", "psi")
          .put("kind", item.kind()).put("value", item.value());
      common(n, result, peer, at);
      w.write(n.toString());
      w.write('\n');
    }
    ObjectNode n = JSON.createObjectNode().put("type", "psi.count").put("source", "psi");
    common(n, result, peer, at);
    n.put("mode", result.mode().wireName()).put("count", result.count()).put("own_size", result.ownSize())
        .put("peer_size", result.peerSize());
    w.write(n.toString());
    w.write('\n');
  }

  private static void common(ObjectNode n, PsiResult r, PsiPeers.Peer peer, String at) {
    n.put("peer", peer.name()).put("peer_key_id", peer.keyId()).put("session", r.session()).put("at", at);
  }
}
