package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.jcs.Jcs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Objects with fixed content that published objects refer to and that nobody signs: the official TLP
 * 2.0 marking-definitions (except RED, which never leaves a node), DistillWatch's extension-definitions
 * and the project identity that created them. They travel with every publish so a reader can resolve
 * every marking and extension; a hub or reader accepts one unsigned only when it equals the known
 * object exactly (ADR 0049).
 */
public final class ReferenceObjects {

  private static final Map<String, ObjectNode> KNOWN = new LinkedHashMap<>();

  static {
    for (Tlp t : Tlp.values()) {
      if (t != Tlp.RED) {
        KNOWN.put(t.markingId(), t.markingDefinition());
      }
    }
    for (ObjectNode o : List.of(StixExtensions.projectIdentity(), StixExtensions.signatureDefinition(),
        StixExtensions.distillationDefinition(), StixExtensions.crossrefDefinition())) {
      KNOWN.put(o.get("id").asText(), o);
    }
  }

  private ReferenceObjects() {}

  /** Whether {@code id} is reserved for a reference object (nobody may publish other content under it). */
  public static boolean isReserved(String id) {
    return KNOWN.containsKey(id) || Tlp.RED.markingId().equals(id);
  }

  /** Whether {@code o} is exactly (canonically) one of the reference objects. */
  public static boolean isKnown(JsonNode o) {
    ObjectNode known = KNOWN.get(o.path("id").asText(""));
    try {
      return known != null && Jcs.canonicalString(known).equals(Jcs.canonicalString(o));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A copy of the reference object with this id, if there is one. */
  public static Optional<ObjectNode> byId(String id) {
    return Optional.ofNullable(KNOWN.get(id)).map(ObjectNode::deepCopy);
  }

  /**
   * The reference objects that {@code objects} refer to through {@code object_marking_refs},
   * {@code created_by_ref} or {@code extensions} keys, with the project identity whenever one of its
   * extension-definitions is included; in a fixed order (markings, identity, extension-definitions).
   */
  public static List<ObjectNode> referencedBy(Collection<? extends JsonNode> objects) {
    TreeSet<String> ids = new TreeSet<>();
    for (JsonNode o : objects) {
      o.path("object_marking_refs").forEach(r -> ids.add(r.asText()));
      o.path("extensions").fieldNames().forEachRemaining(ids::add);
      ids.add(o.path("created_by_ref").asText(""));
    }
    List<ObjectNode> out = new ArrayList<>();
    boolean definitions = false;
    for (Map.Entry<String, ObjectNode> e : KNOWN.entrySet()) {
      if (ids.contains(e.getKey())) {
        out.add(e.getValue().deepCopy());
        definitions |= e.getKey().startsWith("extension-definition--");
      }
    }
    if (definitions && !ids.contains(StixExtensions.PROJECT_IDENTITY_ID)) {
      out.add(byId(StixExtensions.PROJECT_IDENTITY_ID).orElseThrow());
    }
    out.sort(java.util.Comparator.comparingInt(o -> order(o.get("type").asText())));
    return out;
  }

  private static int order(String type) {
    return switch (type) {
      case "marking-definition" -> 0;
      case "identity" -> 1;
      default -> 2;
    };
  }
}
