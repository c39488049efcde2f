package io.distillwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.sign.NodeKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.distillwatch.util.SecretFiles;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch keygen}: a node's signing key and id secret, and its member entry for hub.json. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Create a node key file (Ed25519 signing key + node secret for STIX ids, owner-only permissions)",
      "and print the member entry the forum adds to hub.json.",
      "Exit codes: 0 done, 2 usage error (e.g. the key file exists), 3 output unwritable."
    })
public final class KeygenCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Key file to create.")
  Path out;

  @Option(names = "--name", required = true, description = "Display name of this member (STIX identity name).")
  String name;

  @Option(names = "--token-out", paramLabel = "FILE",
      description = "Also create a random bearer token in FILE and print its SHA-256 for hub.json.")
  Path tokenOut;

  @Option(names = "--blinding-key-out", paramLabel = "FILE",
      description = "Also create the forum's blinding keyset (Tink JSON, HMAC-SHA-256): one member creates it and"
          + " hands it to the others out of band, never through the hub.")
  Path blindingKeyOut;

  @Option(names = "--rotate-blinding-key", paramLabel = "FILE",
      description = "Add a new primary key to an existing blinding keyset (older keys keep matching) and exit.")
  Path rotate;

  @Override
  public Integer call() {
    if (rotate != null) {
      try {
        io.distillwatch.sharing.crossref.BlindingKeys k =
            io.distillwatch.sharing.crossref.BlindingKeys.load(rotate).rotate();
        k.save(rotate);
        System.out.println("blinding keyset " + rotate + ": new primary key id " + Integer.toUnsignedString(k.primaryId())
            + ", " + k.keyIds().size() + " keys");
        return ExitCodes.OK;
      } catch (Exception e) {
        System.err.println("distillwatch keygen: " + e.getMessage());
        return ExitCodes.INPUT_UNREADABLE;
      }
    }
    if (blindingKeyOut != null && Files.exists(blindingKeyOut)) {
      System.err.println("distillwatch keygen: refusing to overwrite an existing file");
      return ExitCodes.USAGE;
    }
    if (Files.exists(out) || (tokenOut != null && Files.exists(tokenOut))) {
      System.err.println("distillwatch keygen: refusing to overwrite an existing file");
      return ExitCodes.USAGE;
    }
    try {
      NodeKey key = NodeKey.generate(name);
      key.save(out);
      ObjectNode member = key.memberEntry();
      if (tokenOut != null) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        SecretFiles.write(tokenOut, token + "\n");
        member.put("token_sha256", HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
      }
      if (blindingKeyOut != null) {
        io.distillwatch.sharing.crossref.BlindingKeys.generate().save(blindingKeyOut);
      }
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(member));
      return ExitCodes.OK;
    } catch (Exception e) {
      System.err.println("distillwatch keygen: cannot write key: " + e.getMessage());
      return ExitCodes.INPUT_UNREADABLE;
    }
  }
}
