package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.ids.StixIds;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds the STIX 2.1 objects DistillWatch emits, all created by one node identity, marked with one
 * TLP level (except the node identity and ATLAS attack-patterns, which are unmarked) and given ids derived from local ids ({@link StixIds}), so building the same thing twice
 * yields the same id. Objects come back unsigned; sign them with {@code ObjectSignature}.
 *
 * <p>Refuses {@link Tlp#RED}: red material never leaves the node.
 */
public final class StixFactory {

  private final StixIds ids;
  private final String identityId;
  private final Tlp tlp;

  public StixFactory(StixIds ids, Tlp tlp) {
    if (tlp == Tlp.RED) {
      throw new IllegalArgumentException("TLP:RED never leaves the node");
    }
    this.ids = ids;
    this.tlp = Objects.requireNonNull(tlp);
    this.identityId = ids.id("identity", "node");
  }

  /** The node's identity id, derived from its secret ({@code identity} / {@code node}). */
  public String identityId() {
    return identityId;
  }

  public String id(String type, String localId) {
    return ids.id(type, localId);
  }

  /**
   * The node's own identity object (it is its own creator). Unmarked, like {@link #attackPattern}:
   * reference objects keep one content whatever TLP the node publishes under (ADR 0049).
   */
  public ObjectNode identity(String name, String identityClass, Instant created) {
    ObjectNode o = common("identity", identityId, created, created);
    o.remove("object_marking_refs");
    o.put("name", name);
    o.put("identity_class", identityClass);
    return o;
  }

  public ObjectNode campaign(
      String localId, String name, String description, Instant firstSeen, Instant lastSeen,
      DistillationProfile profile, Instant modified) {
    ObjectNode o = sdo("campaign", localId, firstSeen, modified);
    o.put("name", name);
    if (description != null) {
      o.put("description", description);
    }
    o.put("first_seen", StixJson.timestamp(firstSeen));
    if (lastSeen != null) {
      o.put("last_seen", StixJson.timestamp(lastSeen));
    }
    o.put("objective", "Harvest model outputs to train another model (adversarial distillation)");
    if (profile != null) {
      extensions(o).set(StixExtensions.DISTILLATION_ID, StixExtensions.distillationExtension(profile));
    }
    return o;
  }

  public ObjectNode intrusionSet(
      String localId, String name, String description, Instant firstSeen, Instant modified) {
    ObjectNode o = sdo("intrusion-set", localId, firstSeen, modified);
    o.put("name", name);
    if (description != null) {
      o.put("description", description);
    }
    o.put("first_seen", StixJson.timestamp(firstSeen));
    o.putArray("goals").add("model extraction");
    return o;
  }

  /** An attack-pattern for an ATLAS technique (public knowledge: unmarked), with its ATLAS reference. */
  public ObjectNode attackPattern(AtlasTechnique t, Instant created) {
    ObjectNode o = sdo("attack-pattern", "atlas:" + t.externalId(), created, created);
    o.remove("object_marking_refs");
    o.put("name", t.displayName());
    ObjectNode ref = o.putArray("external_references").addObject();
    ref.put("source_name", "mitre-atlas");
    ref.put("external_id", t.externalId());
    ref.put("url", t.url());
    return o;
  }

  public ObjectNode indicator(
      String localId, String name, InfrastructurePattern pattern, Instant validFrom,
      Instant validUntil, Instant modified) {
    ObjectNode o = sdo("indicator", localId, validFrom, modified);
    o.put("name", name);
    o.putArray("indicator_types").add("anomalous-activity");
    o.put("pattern", pattern.pattern());
    o.put("pattern_type", "stix");
    o.put("pattern_version", "2.1");
    o.put("valid_from", StixJson.timestamp(validFrom));
    if (validUntil != null) {
      o.put("valid_until", StixJson.timestamp(validUntil));
    }
    return o;
  }

  /** An indicator with a given STIX pattern (cross-reference indicators: {@code CrossrefIndicators}). */
  public ObjectNode indicatorWithPattern(
      String localId, String name, String pattern, Instant validFrom, Instant modified) {
    ObjectNode o = sdo("indicator", localId, validFrom, modified);
    o.put("name", name);
    o.putArray("indicator_types").add("anomalous-activity");
    o.put("pattern", pattern);
    o.put("pattern_type", "stix");
    o.put("pattern_version", "2.1");
    o.put("valid_from", StixJson.timestamp(validFrom));
    return o;
  }

  /** infrastructure_types from the STIX open vocabulary, e.g. {@code anonymization}, {@code hosting-target-lists}. */
  public ObjectNode infrastructure(String localId, String name, String infrastructureType, Instant created) {
    ObjectNode o = sdo("infrastructure", localId, created, created);
    o.put("name", name);
    o.putArray("infrastructure_types").add(infrastructureType);
    return o;
  }

  public ObjectNode sighting(
      String localId, String sightingOfRef, Instant firstSeen, Instant lastSeen, int count,
      Instant modified) {
    ObjectNode o = sdo("sighting", localId, firstSeen, modified);
    o.put("sighting_of_ref", sightingOfRef);
    o.put("first_seen", StixJson.timestamp(firstSeen));
    o.put("last_seen", StixJson.timestamp(lastSeen.isBefore(firstSeen) ? firstSeen : lastSeen));
    o.put("count", Math.max(0, Math.min(count, 999_999_999)));
    o.putArray("where_sighted_refs").add(identityId);
    return o;
  }

  /** opinion: strongly-disagree, disagree, neutral, agree, strongly-agree. */
  public ObjectNode opinion(String localId, String opinion, String explanation, List<String> objectRefs, Instant created) {
    ObjectNode o = sdo("opinion", localId, created, created);
    o.put("opinion", opinion);
    if (explanation != null) {
      o.put("explanation", explanation);
    }
    refs(o, objectRefs);
    return o;
  }

  public ObjectNode note(String localId, String abstractText, String content, List<String> objectRefs, Instant created) {
    ObjectNode o = sdo("note", localId, created, created);
    if (abstractText != null) {
      o.put("abstract", abstractText);
    }
    o.put("content", content);
    refs(o, objectRefs);
    return o;
  }

  public ObjectNode relationship(String relationshipType, String sourceRef, String targetRef, Instant created) {
    ObjectNode o =
        sdo("relationship", relationshipType + ":" + sourceRef + ":" + targetRef, created, created);
    o.put("relationship_type", relationshipType);
    o.put("source_ref", sourceRef);
    o.put("target_ref", targetRef);
    return o;
  }

  /** A STIX bundle (its id is random: bundles are transient). */
  public static ObjectNode bundle(List<ObjectNode> objects) {
    ObjectNode b = StixJson.mapper().createObjectNode();
    b.put("type", "bundle");
    b.put("id", "bundle--" + java.util.UUID.randomUUID());
    ArrayNode arr = b.putArray("objects");
    objects.forEach(arr::add);
    return b;
  }

  private ObjectNode sdo(String type, String localId, Instant created, Instant modified) {
    return common(type, ids.id(type, localId), created, modified);
  }

  private ObjectNode common(String type, String id, Instant created, Instant modified) {
    Instant mod = modified.isBefore(created) ? created : modified;
    ObjectNode o = StixJson.mapper().createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", identityId);
    o.put("created", StixJson.timestamp(created));
    o.put("modified", StixJson.timestamp(mod));
    o.putArray("object_marking_refs").add(tlp.markingId());
    return o;
  }

  private static void refs(ObjectNode o, List<String> objectRefs) {
    ArrayNode arr = o.putArray("object_refs");
    objectRefs.forEach(arr::add);
  }

  private static ObjectNode extensions(ObjectNode o) {
    return o.has("extensions") ? (ObjectNode) o.get("extensions") : o.putObject("extensions");
  }
}
