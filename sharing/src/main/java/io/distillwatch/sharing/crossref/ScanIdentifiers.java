package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The identifiers of each flagged campaign of a scan output, for {@link CrossrefPublisher}: what its
 * accounts shared with each other (the link examples of {@code clusters.jsonl}: payment fingerprints,
 * ASNs, /24s, TLS fingerprints, template skeletons) and, with the accounts file, their payment
 * fingerprints and e-mail domains. Keys are the campaigns' local ids ({@code cluster:ID}, {@code account:ID}).
 */
public final class ScanIdentifiers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScanIdentifiers() {}

  public static Map<String, CampaignIdentifiers> read(Path scanOut, Path accountsFile) throws IOException {
    Map<String, JsonNode> info = accountsFile == null ? Map.of() : accounts(accountsFile);
    Map<String, Boolean> infraEgress = new HashMap<>();
    for (JsonNode a : lines(scanOut.resolve("accounts.jsonl"))) {
      boolean infra = false;
      for (JsonNode s : a.path("signals")) {
        String id = s.path("id").asText("");
        infra |= (id.equals("infra.datacenter_egress") || id.equals("infra.anonymizer"))
            && s.path("contribution").asDouble(0) > 0;
      }
      infraEgress.put(a.path("account").asText(""), infra);
    }
    Map<String, CampaignIdentifiers> out = new LinkedHashMap<>();
    Set<String> clustered = new HashSet<>();
    Path clusters = scanOut.resolve("clusters.jsonl");
    if (Files.exists(clusters)) {
      for (JsonNode c : lines(clusters)) {
        CampaignIdentifiers ids = new CampaignIdentifiers();
        for (JsonNode link : c.path("links")) {
          for (JsonNode ex : link.path("examples")) {
            String v = ex.asText("");
            switch (link.path("kind").asText("")) {
              case "payment_fp" -> ids.paymentFps.add(v);
              case "asn" -> ids.asns.add(v.split(" ", 2)[0]);
              case "ip_prefix" -> ids.networkRanges.add(v);
              case "tls_fp" -> ids.tlsClients.add(v.split(" ", 2)[0]);
              case "template" -> ids.templates.add(v);
              default -> { }
            }
          }
        }
        for (JsonNode a : c.path("accounts")) {
          clustered.add(a.asText());
          ids.egressIsInfrastructure |= infraEgress.getOrDefault(a.asText(), false);
          addAccountInfo(ids, info.get(a.asText()));
        }
        out.put("cluster:" + c.path("cluster").asText(""), ids);
      }
    }
    for (String account : infraEgress.keySet()) {
      if (!clustered.contains(account)) {
        CampaignIdentifiers ids = new CampaignIdentifiers();
        addAccountInfo(ids, info.get(account));
        out.put("account:" + account, ids);
      }
    }
    return out;
  }

  private static void addAccountInfo(CampaignIdentifiers ids, JsonNode a) {
    if (a == null) {
      return;
    }
    if (a.path("payment_fp").isTextual()) {
      ids.paymentFps.add(a.get("payment_fp").asText());
    }
    String domain = a.path("email_domain").asText(null);
    if (domain == null && a.path("email").isTextual()) {
      String e = a.get("email").asText();
      domain = e.contains("@") ? e.substring(e.lastIndexOf('@') + 1) : null;
    }
    if (domain != null) {
      ids.emailDomains.add(domain);
    }
  }

  private static Map<String, JsonNode> accounts(Path file) throws IOException {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode a : lines(file)) {
      if (a.path("account").isTextual()) {
        m.put(a.get("account").asText(), a);
      }
    }
    return m;
  }

  private static java.util.List<JsonNode> lines(Path file) throws IOException {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        try {
          JsonNode n = line.isBlank() ? null : JSON.readTree(line);
          if (n != null && n.isObject()) {
            out.add(n);
          }
        } catch (IOException malformed) {
          // skipped, as publish does
        }
      }
    }
    return out;
  }
}
