package io.distillwatch.node.crossref;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.crossref.BlindingKeys;
import io.distillwatch.sharing.crossref.CrossrefIndicators;
import io.distillwatch.sharing.crossref.DisclosurePolicy;
import io.distillwatch.sharing.crossref.Identifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two providers, one hub, in one process (the demo's run): provider A convicts a campaign and publishes
 * by itself, provider B matches the campaign's account and answers with a sighting — and nothing a node
 * sends carries a customer identifier or prompt text in any encoding (issue 16 item 4).
 */
class CrossProviderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordingHttpClient HTTP_A = new RecordingHttpClient();
  private static final RecordingHttpClient HTTP_B = new RecordingHttpClient();
  private static Path out;
  private static CrossProviderDemo.Result result;

  @BeforeAll
  static void run() throws Exception {
    out = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "crossref-it");
    result = CrossProviderDemo.run(out, new PrintStream(new ByteArrayOutputStream()), HTTP_A, HTTP_B);
  }

  @AfterAll
  static void report() {
    System.out.println("crossref IT: " + (result == null ? "no result" : result.summary()));
  }

  @Test
  void aCampaignConvictedAtOneProviderIsMatchedAtTheOther() {
    String campaignB = result.summary().path("campaign_accounts").get(3).asText();
    assertThat(result.matchEvidence()).contains("payment_fingerprint").doesNotContain(CrossProviderTraffic.CARD);
    assertThat(result.verdictsB().get(campaignB)).isEqualTo("distillation"); // suspicious without the match (0.76)
    assertThat(result.sightingsB()).isPositive();
    // benign accounts on the same cloud ASN and client library are left alone at both providers
    result.verdictsA().forEach((acct, v) -> {
      if (acct.contains("-user-")) {
        assertThat(v).as(acct).isEqualTo("benign");
      }
    });
    result.verdictsB().forEach((acct, v) -> {
      if (acct.contains("-user-")) {
        assertThat(v).as(acct).isEqualTo("benign");
      }
    });
  }

  @Test
  void nothingEitherNodeSentCarriesACustomerIdentifierOrPromptText() throws Exception {
    for (String p : List.of("a", "b")) {
      byte[] sent = (p.equals("a") ? HTTP_A : HTTP_B).sent();
      assertThat(sent.length).as("bytes sent by provider " + p).isGreaterThan(1000);
      String corpus = expand(sent);
      Path input = out.resolve("provider-" + p + "-input");
      Set<String> identifiers = new LinkedHashSet<>();
      Set<String> prompts = new LinkedHashSet<>();
      for (String line : Files.readAllLines(input.resolve("accounts.jsonl"))) {
        JsonNode a = JSON.readTree(line);
        identifiers.add(a.path("account").asText());
        identifiers.add(a.path("email").asText());
        identifiers.add(a.path("payment_fp").asText());
      }
      for (String line : Files.readAllLines(input.resolve("events.jsonl"))) {
        JsonNode e = JSON.readTree(line);
        identifiers.add(e.path("account").asText());
        identifiers.add(e.path("ip").asText());
        identifiers.add(e.path("payment_fp").asText());
        identifiers.add(e.path("request_id").asText());
        if (e.path("prompt").isTextual()) {
          prompts.add(e.path("prompt").asText());
        }
        e.path("messages").forEach(msg -> prompts.add(msg.path("content").asText()));
      }
      List<String> leaks = new ArrayList<>();
      for (String id : identifiers) {
        if (id.length() >= 6 && found(corpus, id)) {
          leaks.add("identifier " + id);
        }
      }
      Set<String> windows = new HashSet<>();
      for (int i = 0; i + 32 <= corpus.length(); i++) {
        windows.add(corpus.substring(i, i + 32));
      }
      for (String prompt : prompts) {
        String escaped = JSON.writeValueAsString(prompt);
        escaped = escaped.substring(1, escaped.length() - 1);
        for (String form : List.of(prompt, escaped)) {
          for (int i = 0; i + 32 <= form.length(); i++) {
            if (windows.contains(form.substring(i, i + 32))) {
              leaks.add("prompt text " + form.substring(i, i + 32));
              break;
            }
          }
        }
      }
      assertThat(leaks).as("provider " + p + " sent").isEmpty();
    }
  }

  /** A key holder can test guesses against blinded e-mail domains; the hub, without the key, cannot. */
  @Test
  void aKeyHolderCanRunADictionaryOverEmailDomainsAndTheHubCannot() throws Exception {
    String sent = new String(HTTP_A.sent(), StandardCharsets.UTF_8);
    Set<String> blindedDomains = new HashSet<>();
    Matcher m = Pattern.compile("\"kind\":\"email_domain\",\"value\":\"([0-9a-f]{64})\"").matcher(sent);
    while (m.find()) {
      blindedDomains.add(m.group(1));
    }
    assertThat(blindedDomains).as("provider A published blinded e-mail domains").isNotEmpty();
    List<String> dictionary = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      dictionary.add("mail-a" + i + ".example");
    }
    BlindingKeys member = BlindingKeys.load(out.resolve("forum").resolve("blinding-key.json"));
    BlindingKeys hub = BlindingKeys.generate(); // anyone without the members' key
    Set<String> recovered = new HashSet<>();
    Set<String> recoveredWithoutKey = new HashSet<>();
    for (String d : dictionary) {
      if (blindedDomains.contains(DisclosurePolicy.blind(Identifier.EMAIL_DOMAIN, d, member).hex())) {
        recovered.add(d);
      }
      if (blindedDomains.contains(DisclosurePolicy.blind(Identifier.EMAIL_DOMAIN, d, hub).hex())) {
        recoveredWithoutKey.add(d);
      }
    }
    assertThat(recovered).contains("mail-a1.example", "mail-a2.example", "mail-a3.example");
    assertThat(recoveredWithoutKey).isEmpty();
    assertThat(sent).contains(CrossrefIndicators.EXTENSION_ID);
  }

  private static boolean found(String corpus, String needle) throws Exception {
    String escaped = JSON.writeValueAsString(needle);
    return corpus.contains(needle) || corpus.contains(escaped.substring(1, escaped.length() - 1));
  }

  /**
   * The sent bytes as text, followed by the decoding of every hex run (both alignments) and every
   * base64 run (standard and URL-safe), so hex- and base64-encoded identifiers are found as text too.
   */
  static String expand(byte[] sent) {
    String raw = new String(sent, StandardCharsets.ISO_8859_1);
    StringBuilder b = new StringBuilder(new String(sent, StandardCharsets.UTF_8)).append('\n');
    Matcher hex = Pattern.compile("[0-9a-fA-F]{12,}").matcher(raw);
    while (hex.find()) {
      String h = hex.group();
      for (int off = 0; off < 2; off++) {
        String s = h.substring(off, off + ((h.length() - off) / 2) * 2);
        b.append(new String(HexFormat.of().parseHex(s), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    Matcher b64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}").matcher(raw);
    while (b64.find()) {
      String s = b64.group().replace("=", "");
      for (int off = 0; off < 4; off++) {
        String t = s.substring(off);
        t = t.substring(0, t.length() - (t.length() % 4 == 1 ? 1 : 0));
        for (Base64.Decoder d : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
          try {
            b.append(new String(d.decode(pad(t)), StandardCharsets.ISO_8859_1)).append('\n');
          } catch (IllegalArgumentException notThisAlphabet) {
            // the other alphabet
          }
        }
      }
    }
    return b.toString();
  }

  private static String pad(String s) {
    return s + "==".substring(0, (4 - s.length() % 4) % 4 == 3 ? 2 : (4 - s.length() % 4) % 4);
  }
}
