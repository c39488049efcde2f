package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.ModelInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideFilesTest {
  static {
    TmpDirs.ensure();
  }

  @TempDir Path dir;

  @Test
  void accountsFileReadsEveryFieldAndRejectsBadLines() throws IOException {
    Path p = dir.resolve("accounts.jsonl");
    Files.writeString(p, String.join("\n",
        "{\"account\": \"acct-1\", \"created_at\": \"2024-05-01T00:00:00Z\", \"email\": \"a@example.org\", \"email_domain\": \"example.org\", \"country\": \"DE\", \"payment_fp\": \"pm-77a1\", \"signup_path\": \"self-serve\", \"verified\": true}",
        "{\"account\": \"acct-2\", \"created_at\": \"2026-02-27T03:10:00Z\", \"email_domain\": \"mailinator.com\", \"org_name\": \"Example Data Labeling Co., Ltd.\", \"parent_org\": \"Example Holdings Ltd\", \"ownership_pct\": 60, \"website\": \"https://example.com\", \"signup_path\": \"education\", \"verified\": false}",
        "{\"account\": \"acct-3\", \"created_at\": \"yesterday\", \"signup_path\": \"walk-in\", \"ownership_pct\": 140}",
        "{\"created_at\": \"2024-05-01T00:00:00Z\"}",
        "not json",
        "[1]",
        "",
        "{\"account\": \"acct-1\", \"country\": \"FR\"}"));
    LoadedFile<AccountInfo> f = AccountsFile.load(p);
    assertThat(f.entries()).containsOnlyKeys("acct-1", "acct-2", "acct-3");
    assertThat(f.duplicates()).isEqualTo(1);
    assertThat(f.get("acct-1").country).as("last line wins").isEqualTo("FR");
    AccountInfo a2 = f.get("acct-2");
    assertThat(a2.createdAt).isEqualTo(Instant.parse("2026-02-27T03:10:00Z").toEpochMilli());
    assertThat(a2.emailDomain).isEqualTo("mailinator.com");
    assertThat(a2.orgName).isEqualTo("Example Data Labeling Co., Ltd.");
    assertThat(a2.parentOrg).isEqualTo("Example Holdings Ltd");
    assertThat(a2.ownershipPct).isEqualTo(60.0);
    assertThat(a2.website).isEqualTo("https://example.com");
    assertThat(a2.signupPath).isEqualTo("education");
    assertThat(a2.verified).isFalse();
    AccountInfo a3 = f.get("acct-3");
    assertThat(a3.createdAt).isNull();
    assertThat(a3.signupPath).isNull();
    assertThat(a3.ownershipPct).isNull();
    assertThat(f.fieldErrorsByField()).containsEntry("created_at", 1).containsEntry("signup_path", 1).containsEntry("ownership_pct", 1);
    assertThat(f.rejections()).extracting(r -> r.line + ":" + r.reason)
        .containsExactly("4:missing_field", "5:invalid_json", "6:not_an_object");
  }

  @Test
  void modelsFileGzipped() throws IOException {
    Path p = dir.resolve("models.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(("{\"model\": \"frontier-1\", \"released_at\": \"2025-10-01T00:00:00Z\", \"max_output_tokens\": 8192}\n"
          + "{\"model\": \"frontier-2\", \"released_at\": 1772539200, \"max_output_tokens\": -5}\n"
          + "{\"model\": 7}\n").getBytes(StandardCharsets.UTF_8));
    }
    LoadedFile<ModelInfo> f = ModelsFile.load(p);
    assertThat(f.get("frontier-1").releasedAt).isEqualTo(Instant.parse("2025-10-01T00:00:00Z").toEpochMilli());
    assertThat(f.get("frontier-1").maxOutputTokens).isEqualTo(8192);
    assertThat(f.get("frontier-2").releasedAt).isEqualTo(1772539200000L);
    assertThat(f.get("frontier-2").maxOutputTokens).isNull();
    assertThat(f.rejections()).singleElement().satisfies(r -> assertThat(r.reason).isEqualTo("invalid_field"));
  }

  @Test
  void allowlistAcceptsJsonLinesAndCsv() throws IOException {
    Path p = dir.resolve("allow.txt");
    Files.writeString(p, "account,reason\n# vetted partners\nacct-eval,\"Contracted evaluator, ticket 12\"\n"
        + "{\"account\": \"acct-app\", \"reason\": \"app backend\"}\nacct-bare\n");
    Map<String, String> m = AllowlistFile.load(p);
    assertThat(m).containsExactly(
        Map.entry("acct-eval", "Contracted evaluator, ticket 12"),
        Map.entry("acct-app", "app backend"),
        Map.entry("acct-bare", AllowlistFile.NO_REASON));
  }

  @Test
  void allowlistWithABadLineFailsNamingTheLine() throws IOException {
    Path p = dir.resolve("allow.jsonl");
    Files.writeString(p, "{\"account\": \"ok\"}\n{\"reason\": \"no account\"}\n");
    assertThatThrownBy(() -> AllowlistFile.load(p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
  }

  @Test
  void missingSideFileIsUnreadable() {
    assertThatThrownBy(() -> AccountsFile.load(dir.resolve("none.jsonl"))).isInstanceOf(InputUnreadableException.class);
  }
}
