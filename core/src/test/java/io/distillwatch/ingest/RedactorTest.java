package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsProviderKeysBearerTokensAndEmails() {
    String s = Redactor.redact("key sk-proj-abcdefghijklmnop1234 and sk-ant-api03-ZZZZZZZZZZZZZZZZ "
        + "Authorization: Bearer eyJhbGciOi.abc.def mail me at jane.doe+x@example.co.uk");
    assertThat(s).doesNotContain("abcdefghijklmnop1234").doesNotContain("ZZZZZZZZ").doesNotContain("eyJhbGciOi")
        .doesNotContain("jane.doe").doesNotContain("example.co.uk")
        .contains(Redactor.SECRET).contains(Redactor.EMAIL);
  }

  @Test
  void redactsValuesOfCredentialFieldsButNotTokenCounters() {
    String json = "{\"api_key\": \"key-9\", \"password\":\"hunter2\", \"client_secret\": \"s3cr3t\", \"access_token\": \"tok\","
        + " \"Authorization\": \"Basic dXNlcjpwYXNz\", \"max_tokens\": 4096, \"usage\": {\"input_tokens\": 12}, \"x-api-key\": 123}";
    String s = Redactor.redact(json);
    assertThat(s).doesNotContain("key-9").doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("\"tok\"")
        .doesNotContain("dXNlcjpwYXNz").doesNotContain("123")
        .contains("\"max_tokens\": 4096").contains("\"input_tokens\": 12")
        .contains("\"api_key\": \"[REDACTED]\"");
  }

  @Test
  void redactsCutOffValuesAndKeyValuePairs() {
    assertThat(Redactor.redact("{\"password\": \"abcdefgh")).isEqualTo("{\"password\": \"[REDACTED]\"");
    assertThat(Redactor.redact("GET /x?token=abc123&user=bob password=pw1")).doesNotContain("abc123").doesNotContain("pw1").contains("user=bob");
  }

  @Test
  void excerptIsAtMost200CharsAndRedactedBeforeTheCut() {
    String line = "{\"api_key\": \"sk-" + "a".repeat(300) + "\"}";
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    String ex = Redactor.excerpt(b, 0, b.length);
    assertThat(ex.length()).isLessThanOrEqualTo(200);
    assertThat(ex).doesNotContain("aaaa");
  }

  @Test
  void excerptShowsInvalidUtf8AsReplacementCharacter() {
    byte[] b = {'{', (byte) 0xC3, '"', '}'};
    assertThat(Redactor.excerpt(b, 0, b.length)).contains("\uFFFD");
  }

  @Test
  void networkPrefixes() {
    assertThat(Redactor.ipPrefix24("203.0.113.77")).isEqualTo("203.0.113.0/24");
    assertThat(Redactor.ipPrefix24("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
    assertThat(Redactor.ipPrefix24("::ffff:198.51.100.9")).isEqualTo("198.51.100.0/24");
    assertThat(Redactor.ipPrefix24("not an ip")).isNull();
    assertThat(Redactor.ipPrefix24("256.1.1.1")).isNull();
  }

  @Test
  void redactEmailsOnlyTouchesEmails() {
    assertThat(Redactor.redactEmails("write to a@b.io, key sk-abcdefghijkl")).isEqualTo("write to [EMAIL], key sk-abcdefghijkl");
    assertThat(Redactor.redactEmails(null)).isNull();
  }
}
