package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.template.TemplateSketch;
import io.distillwatch.template.TemplateSketcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a campaign's local identifiers into what may leave the node under a {@link SharingPolicy}:
 * one indicator per allowed identifier (clear or blinded by {@link DisclosurePolicy}), an
 * {@code indicates} relationship to the campaign, and keyed template sketches on the campaign itself.
 * Identifiers that cannot be normalised (a public mail domain, a /32, an unknown TLS format) are
 * skipped and counted, never sent.
 */
public final class CrossrefPublisher {
  private final StixFactory stix;
  private final CrossrefIndicators indicators;
  private final SharingPolicy policy;
  private final BlindingKeys keys;
  private final TemplateSketcher sketcher;
  private int skipped;

  public CrossrefPublisher(StixFactory stix, SharingPolicy policy, BlindingKeys keys) {
    this.stix = stix;
    this.indicators = new CrossrefIndicators(stix);
    this.policy = policy;
    this.keys = keys;
    this.sketcher = KeyedSketches.sketcher(keys);
  }

  /** Values that were not valid identifiers of their kind and so were left out (a count only). */
  public int skipped() {
    return skipped;
  }

  /**
   * Indicators and relationships for {@code campaign} (a STIX campaign with the distillation
   * extension), which gets its template sketches attached in place.
   */
  public List<ObjectNode> objects(ObjectNode campaign, CampaignIdentifiers ids, Instant seen) {
    Set<Identifier> allowed = policy.identifiers();
    List<ObjectNode> out = new ArrayList<>();
    String campaignId = campaign.get("id").asText();
    if (allowed.contains(Identifier.PAYMENT_FINGERPRINT)) {
      ids.paymentFps.forEach(v -> blinded(Identifier.PAYMENT_FINGERPRINT, v, seen, campaignId, out));
    }
    if (allowed.contains(Identifier.EMAIL_DOMAIN)) {
      ids.emailDomains.forEach(v -> blinded(Identifier.EMAIL_DOMAIN, v, seen, campaignId, out));
    }
    if (allowed.contains(Identifier.ASN)) {
      ids.asns.forEach(v -> clear(Identifier.ASN, v, seen, campaignId, out));
    }
    if (allowed.contains(Identifier.NETWORK_RANGE) && ids.egressIsInfrastructure) {
      ids.networkRanges.forEach(v -> clear(Identifier.NETWORK_RANGE, v, seen, campaignId, out));
    }
    if (allowed.contains(Identifier.TLS_CLIENT)) {
      ids.tlsClients.forEach(v -> clear(Identifier.TLS_CLIENT, v.split(" ", 2)[0], seen, campaignId, out));
    }
    if (allowed.contains(Identifier.TEMPLATE_SKETCH) && !ids.templates.isEmpty()) {
      List<TemplateSketch> sketches = new ArrayList<>();
      for (String t : ids.templates) {
        TemplateSketch s = sketcher.sketch(t);
        if (!s.isEmpty() && !sketches.contains(s)) {
          sketches.add(s);
        }
      }
      CrossrefIndicators.attachSketches(campaign, sketches);
    }
    return out;
  }

  private void blinded(Identifier kind, String raw, Instant seen, String campaignId, List<ObjectNode> out) {
    try {
      add(indicators.blinded(DisclosurePolicy.blind(kind, raw, keys), seen, seen), campaignId, seen, out);
    } catch (IllegalArgumentException invalid) {
      skipped++;
    }
  }

  private void clear(Identifier kind, String raw, Instant seen, String campaignId, List<ObjectNode> out) {
    try {
      add(indicators.clear(kind, raw, seen, seen), campaignId, seen, out);
    } catch (IllegalArgumentException invalid) {
      skipped++;
    }
  }

  private void add(ObjectNode indicator, String campaignId, Instant seen, List<ObjectNode> out) {
    if (out.stream().noneMatch(o -> o.get("id").equals(indicator.get("id")))) {
      out.add(indicator);
      out.add(stix.relationship("indicates", indicator.get("id").asText(), campaignId, seen));
    }
  }
}
