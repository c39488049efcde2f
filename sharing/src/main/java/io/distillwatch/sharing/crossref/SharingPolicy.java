package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.stix.Tlp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a node shares by itself (docs/crossref.md, "Policy file"): the TLP, which verdicts, the
 * smallest campaign (accounts) worth sharing, and which identifier kinds. Only kinds that
 * {@link DisclosurePolicy} lets travel (clear or blinded) may be listed; others are refused here,
 * when the file is read, not silently dropped later.
 *
 * <pre>
 * {"tlp": "amber", "verdicts": ["distillation"], "min_cluster_size": 2,
 *  "identifiers": ["payment_fingerprint", "email_domain", "template_sketch", "asn", "network_range", "tls_client"]}
 * </pre>
 */
public record SharingPolicy(Tlp tlp, Set<String> verdicts, int minClusterSize, Set<Identifier> identifiers) {
  private static final Set<String> KEYS = Set.of("tlp", "verdicts", "min_cluster_size", "identifiers");

  public SharingPolicy {
    if (tlp == Tlp.RED) {
      throw new IllegalArgumentException("policy: TLP:RED never leaves the node");
    }
    for (String v : verdicts) {
      if (!v.equals("distillation") && !v.equals("suspicious")) {
        throw new IllegalArgumentException("policy: verdicts are distillation and/or suspicious, not '" + v + "'");
      }
    }
    if (minClusterSize < 1) {
      throw new IllegalArgumentException("policy: min_cluster_size must be at least 1");
    }
    for (Identifier i : identifiers) {
      Disclosure d = i.disclosure();
      if (d != Disclosure.CLEAR && d != Disclosure.BLINDED || i == Identifier.CAMPAIGN_PROFILE) {
        throw new IllegalArgumentException("policy: " + i.wireName() + " cannot be shared by indicator (" + d
            + (d == Disclosure.PSI_ONLY ? ": compare it with `distillwatch psi`" : "") + ")");
      }
    }
    verdicts = Set.copyOf(verdicts);
    identifiers = identifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(identifiers));
  }

  /** Distillation only, AMBER, campaigns of any size, every kind that may travel. */
  public static SharingPolicy defaults() {
    return new SharingPolicy(Tlp.AMBER, Set.of("distillation"), 1, EnumSet.of(Identifier.PAYMENT_FINGERPRINT,
        Identifier.EMAIL_DOMAIN, Identifier.TEMPLATE_SKETCH, Identifier.ASN, Identifier.NETWORK_RANGE,
        Identifier.TLS_CLIENT));
  }

  public boolean shares(String verdict, long accounts) {
    return verdicts.contains(verdict) && accounts >= minClusterSize;
  }

  public static SharingPolicy load(Path file) throws IOException {
    JsonNode n = new ObjectMapper().readTree(file.toFile());
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("policy: not a JSON object");
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("policy: unknown key '" + k + "'");
      }
    });
    SharingPolicy d = defaults();
    Tlp tlp = n.has("tlp") ? Tlp.parse(n.get("tlp").asText()) : d.tlp();
    Set<String> verdicts = n.has("verdicts") ? strings(n.get("verdicts")) : d.verdicts();
    int min = n.has("min_cluster_size") ? n.get("min_cluster_size").asInt(0) : d.minClusterSize();
    Set<Identifier> ids = d.identifiers();
    if (n.has("identifiers")) {
      Set<Identifier> s = new LinkedHashSet<>();
      for (String name : strings(n.get("identifiers"))) {
        s.add(Identifier.fromWire(name));
      }
      ids = s;
    }
    return new SharingPolicy(tlp, verdicts, min, ids);
  }

  private static Set<String> strings(JsonNode arr) {
    if (!arr.isArray()) {
      throw new IllegalArgumentException("policy: expected a list");
    }
    Set<String> out = new LinkedHashSet<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }

  public List<Identifier> identifierList() {
    return identifiers.stream().sorted().toList();
  }
}
