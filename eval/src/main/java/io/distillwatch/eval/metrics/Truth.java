package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.eval.sim.TruthLabel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ground truth of a simulation ({@code truth.json}): each account's label, population and campaign,
 * and each campaign's first request.
 */
public final class Truth {
  private final Map<String, TruthLabel> accounts;
  private final Map<String, Long> campaignFirstRequest;

  public Truth(Map<String, TruthLabel> accounts, Map<String, Long> campaignFirstRequest) {
    this.accounts = Collections.unmodifiableMap(new TreeMap<>(accounts));
    this.campaignFirstRequest = Collections.unmodifiableMap(new TreeMap<>(campaignFirstRequest));
  }

  public static Truth load(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.path("accounts").isObject()) {
      throw new IOException(file + ": not a truth file (no \"accounts\" object)");
    }
    Map<String, TruthLabel> accounts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("accounts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = e.getValue();
      String label = a.path("label").asText();
      if (!label.equals(TruthLabel.BENIGN) && !label.equals(TruthLabel.DISTILLATION)) {
        throw new IOException(file + ": account " + e.getKey() + " has label '" + label + "'");
      }
      String campaign = a.hasNonNull("campaign") ? a.get("campaign").asText() : null;
      accounts.put(e.getKey(), new TruthLabel(label, a.path("population").asText("unknown"), campaign));
    }
    Map<String, Long> first = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("campaigns").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Long t = Times.parse(e.getValue().get("first_request"));
      if (t != null) {
        first.put(e.getKey(), t);
      }
    }
    return new Truth(accounts, first);
  }

  public Map<String, TruthLabel> accounts() {
    return accounts;
  }

  public TruthLabel label(String account) {
    return accounts.get(account);
  }

  /** Campaign ids, sorted. */
  public TreeSet<String> campaigns() {
    TreeSet<String> out = new TreeSet<>();
    accounts.values().stream().filter(TruthLabel::isDistillation).forEach(l -> out.add(l.campaign()));
    return out;
  }

  /** Benign population names, sorted. */
  public TreeSet<String> benignPopulations() {
    TreeSet<String> out = new TreeSet<>();
    accounts.values().stream().filter(l -> !l.isDistillation()).forEach(l -> out.add(l.population()));
    return out;
  }

  /** A campaign's first request (epoch ms), or null when unknown. */
  public Long firstRequest(String campaign) {
    return campaignFirstRequest.get(campaign);
  }
}
