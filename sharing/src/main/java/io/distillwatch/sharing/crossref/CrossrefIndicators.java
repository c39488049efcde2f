package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.stix.InfrastructurePattern;
import io.distillwatch.sharing.stix.StixExtensions;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.StixJson;
import io.distillwatch.template.TemplateSketch;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * STIX objects of cross-referencing (docs/crossref.md): an indicator per shared identifier (its kind
 * and clear or blinded value in the cross-reference extension, and a STIX pattern saying the same),
 * sightings of indicators with their basis, {@code disagree} opinions, and keyed template sketches on
 * campaigns. Values come only from {@link DisclosurePolicy}.
 */
public final class CrossrefIndicators {
  public static final String EXTENSION_ID = StixExtensions.CROSSREF_ID;
  /** A sighting by the member's own detection (counts as corroboration). */
  public static final String BASIS_DETECTION = "detection";
  /** A sighting that only matched a shared indicator (answers it; does not corroborate). */
  public static final String BASIS_MATCH = "match";
  /** At most this many template sketches per campaign. */
  public static final int MAX_SKETCHES = 8;

  private final StixFactory stix;

  public CrossrefIndicators(StixFactory stix) {
    this.stix = stix;
  }

  /** The STIX pattern of an indicator value (clear kinds in STIX's own objects where there is one). */
  public static String pattern(Identifier kind, String value, long keyId) {
    return switch (kind) {
      case ASN -> InfrastructurePattern.asn(Long.parseLong(value)).pattern();
      case NETWORK_RANGE -> InfrastructurePattern.cidr(value).pattern();
      case TLS_CLIENT -> "[x-distillwatch-tls-client:fingerprint = '" + value + "']";
      default -> "[x-distillwatch-blinded:kind = '" + kind.wireName() + "' AND x-distillwatch-blinded:key_id = "
          + Long.toUnsignedString(keyId & 0xffffffffL) + " AND x-distillwatch-blinded:value = '" + value + "']";
    };
  }

  /** An indicator of a clear identifier (normalised and checked by {@link DisclosurePolicy#clear}). */
  public ObjectNode clear(Identifier kind, String raw, Instant validFrom, Instant modified) {
    String value = DisclosurePolicy.clear(kind, raw);
    ObjectNode ext = extension(kind, value);
    return indicator(kind, value, 0, ext, validFrom, modified);
  }

  /** An indicator of a blinded identifier. */
  public ObjectNode blinded(BlindedValue v, Instant validFrom, Instant modified) {
    ObjectNode ext = extension(v.kind(), v.hex());
    ext.put("key_id", Integer.toUnsignedLong(v.keyId()));
    return indicator(v.kind(), v.hex(), v.keyId(), ext, validFrom, modified);
  }

  private ObjectNode indicator(Identifier kind, String value, int keyId, ObjectNode ext, Instant validFrom,
      Instant modified) {
    ObjectNode o = stix.indicatorWithPattern("crossref:" + kind.wireName() + ":" + value,
        "Cross-reference: " + kind.wireName(), pattern(kind, value, keyId), validFrom, modified);
    extensions(o).set(EXTENSION_ID, ext);
    return o;
  }

  /** A sighting of an indicator by this node, with its basis ({@link #BASIS_DETECTION} or {@link #BASIS_MATCH}). */
  public ObjectNode sighting(String indicatorId, String basis, Instant firstSeen, Instant lastSeen, int count,
      Instant modified) {
    if (!BASIS_DETECTION.equals(basis) && !BASIS_MATCH.equals(basis)) {
      throw new IllegalArgumentException("basis must be detection or match");
    }
    ObjectNode o = stix.sighting("crossref-sighting:" + indicatorId, indicatorId, firstSeen, lastSeen, count, modified);
    ObjectNode ext = StixJson.mapper().createObjectNode();
    ext.put("extension_type", "property-extension");
    ext.put("basis", basis);
    extensions(o).set(EXTENSION_ID, ext);
    return o;
  }

  /** This node disagrees: the indicator matched accounts its own review found legitimate. */
  public ObjectNode disagree(String indicatorId, Instant created) {
    return stix.opinion("crossref-opinion:" + indicatorId, "disagree",
        "Matched accounts this member reviewed and found legitimate.", List.of(indicatorId), created);
  }

  /** Adds keyed template sketches (version 2 only) to a campaign's distillation extension. */
  public static void attachSketches(ObjectNode campaign, List<TemplateSketch> sketches) {
    if (sketches.isEmpty()) {
      return;
    }
    ObjectNode ext = (ObjectNode) campaign.path("extensions").path(StixExtensions.DISTILLATION_ID);
    if (ext.isMissingNode()) {
      throw new IllegalArgumentException("campaign has no distillation extension");
    }
    ArrayNode arr = ext.putArray("template_sketch");
    for (TemplateSketch s : sketches.subList(0, Math.min(MAX_SKETCHES, sketches.size()))) {
      if (!s.isKeyed()) {
        throw new IllegalArgumentException("template sketches travel keyed (version 2) only");
      }
      arr.add(Base64.getEncoder().encodeToString(s.toBytes()));
    }
  }

  private static ObjectNode extension(Identifier kind, String value) {
    ObjectNode ext = StixJson.mapper().createObjectNode();
    ext.put("extension_type", "property-extension");
    ext.put("kind", kind.wireName());
    ext.put("value", value);
    return ext;
  }

  private static ObjectNode extensions(ObjectNode o) {
    return o.has("extensions") ? (ObjectNode) o.get("extensions") : o.putObject("extensions");
  }
}
