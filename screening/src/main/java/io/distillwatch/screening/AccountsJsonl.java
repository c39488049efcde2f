package io.distillwatch.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.AccountInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Minimal reader of the accounts file (DESIGN §2, JSON Lines, optionally .gz) for screening: the
 * fields screening uses ({@code account, email, email_domain, org_name, parent_org, ownership_pct,
 * website, country}). Lines that are not JSON objects with an {@code account} are reported, not
 * fatal. To be replaced by core's accounts reader when it lands.
 */
public final class AccountsJsonl {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Accounts read and the lines that could not be used ("line N: why"). */
  public record Result(List<AccountInfo> accounts, List<String> problems) {}

  private AccountsJsonl() {}

  public static Result read(Path file) throws IOException {
    List<AccountInfo> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          problems.add("line " + n + ": invalid_json");
          continue;
        }
        if (node == null || !node.isObject()) {
          problems.add("line " + n + ": not_an_object");
          continue;
        }
        String id = text(node, "account");
        if (id == null) {
          problems.add("line " + n + ": missing_field account");
          continue;
        }
        AccountInfo a = new AccountInfo(id);
        a.email = text(node, "email");
        a.emailDomain = text(node, "email_domain");
        a.orgName = text(node, "org_name");
        a.parentOrg = text(node, "parent_org");
        a.website = text(node, "website");
        a.country = text(node, "country");
        JsonNode pct = node.get("ownership_pct");
        if (pct != null && pct.isNumber()) {
          a.ownershipPct = pct.asDouble();
        } else if (pct != null && pct.isTextual()) {
          try {
            a.ownershipPct = Double.parseDouble(pct.asText().trim().replace("%", ""));
          } catch (NumberFormatException e) {
            problems.add("line " + n + ": invalid_field ownership_pct (kept the account)");
          }
        }
        out.add(a);
      }
    }
    return new Result(out, problems);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
