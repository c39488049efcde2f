package io.distillwatch.sharing.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A scan output directory full of distinctive identifiers that must never be published. */
public final class ScanFixture {

  /** Strings that must not appear in anything published. */
  public static final List<String> SECRETS = List.of(
      "acct-zq81-harvester", "acct-zq82-harvester", "acct-solo-77x", "acct-benign-q9",
      "pm-fp-5150-unique", "198.51.100.77", "198.51.100.", "harvest77@mailinator.com", "mailinator",
      "c-9f3a1b2c4d5e6f70", "SECRET-PROMPT-TEXT solve xyzzy", "JA3-abc123def456", "AS64511-private-label",
      "tmpl-fp-0badc0de");

  private ScanFixture() {}

  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String signals = "[{\"id\":\"elicitation.cot\",\"value\":1.0,\"contribution\":0.5,"
        + "\"evidence\":\"2,866 of 2,866 requests ask for reasoning; example: 'SECRET-PROMPT-TEXT solve xyzzy'\"},"
        + "{\"id\":\"structure.capability_focus\",\"value\":1.0,\"contribution\":0.3,"
        + "\"evidence\":\"2,866 of 2,866 prompts with a recognisable capability area (100%) are about mathematics, out of 2,866 prompts\"},"
        + "{\"id\":\"account.disposable_email\",\"value\":1.0,\"contribution\":0.16,"
        + "\"evidence\":\"e-mail harvest77@mailinator.com on a disposable domain\"},"
        + "{\"id\":\"infra.datacenter_egress\",\"value\":1.0,\"contribution\":0.2,"
        + "\"evidence\":\"traffic from 198.51.100.77 (AS64511-private-label), TLS JA3-abc123def456\"},"
        + "{\"id\":\"timing.release_pivot\",\"value\":1.0,\"contribution\":0.2,\"evidence\":\"moved within 3 hours\"},"
        + "{\"id\":\"cluster.member\",\"value\":1.0,\"contribution\":0.4,\"evidence\":\"member of c-9f3a1b2c4d5e6f70\"}]";
    Files.writeString(dir.resolve("accounts.jsonl"), String.join("\n",
        "{\"account\":\"acct-zq81-harvester\",\"score\":0.96,\"verdict\":\"distillation\",\"cluster\":\"c-9f3a1b2c4d5e6f70\","
            + "\"events\":2866,\"first_flagged_at\":\"2026-03-01T00:35:53.917Z\",\"first_seen\":\"2026-02-27T08:00:00.000Z\",\"last_seen\":\"2026-03-01T06:00:00.000Z\",\"signals\":" + signals + ",\"screening\":null}",
        "{\"account\":\"acct-zq82-harvester\",\"score\":0.91,\"verdict\":\"distillation\",\"cluster\":\"c-9f3a1b2c4d5e6f70\","
            + "\"events\":1500,\"first_flagged_at\":\"2026-03-01T05:00:00.000Z\",\"first_seen\":\"2026-02-28T10:00:00.000Z\",\"last_seen\":\"2026-03-02T09:30:00.000Z\",\"signals\":" + signals + ",\"screening\":null}",
        "{\"account\":\"acct-solo-77x\",\"score\":0.88,\"verdict\":\"distillation\",\"cluster\":null,"
            + "\"events\":900,\"first_flagged_at\":\"2026-03-02T00:00:00.000Z\",\"first_seen\":\"2026-03-01T22:00:00.000Z\",\"last_seen\":\"2026-03-02T01:15:00.000Z\",\"signals\":" + signals + ",\"screening\":null}",
        "{\"account\":\"acct-benign-q9\",\"score\":0.1,\"verdict\":\"benign\",\"cluster\":null,"
            + "\"events\":50,\"first_flagged_at\":null,\"signals\":[],\"screening\":null}",
        "this line is torn {") + "\n");
    Files.writeString(dir.resolve("clusters.jsonl"),
        "{\"cluster\":\"c-9f3a1b2c4d5e6f70\",\"accounts\":[\"acct-zq81-harvester\",\"acct-zq82-harvester\"],"
            + "\"score\":0.97,\"verdict\":\"distillation\",\"first_flagged_at\":\"2026-03-01T00:30:00.000Z\","
            + "\"links\":[{\"kind\":\"payment_fp\",\"count\":1,\"weight\":0.9,\"examples\":[\"pm-fp-5150-unique\"]},"
            + "{\"kind\":\"ip_prefix\",\"count\":1,\"weight\":0.5,\"examples\":[\"198.51.100.0/24\",\"198.51.100.77\"]},"
            + "{\"kind\":\"tls_fp\",\"count\":1,\"weight\":0.2,\"examples\":[\"JA3-abc123def456\"]}],"
            + "\"template_fingerprint\":\"tmpl-fp-0badc0de\"}\n");
    return dir;
  }
}
