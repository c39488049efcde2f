package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * TLP 2.0 levels and their official STIX 2.1 marking-definitions (OASIS cti-stix-common-objects,
 * TLP 2.0 extension {@link #EXTENSION_ID}). {@code TLP:RED} never leaves the node.
 */
public enum Tlp {
  CLEAR("clear", "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
  GREEN("green", "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
  AMBER("amber", "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
  AMBER_STRICT(
      "amber+strict", "TLP:AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
  RED("red", "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

  /** The official TLP 2.0 extension-definition id. */
  public static final String EXTENSION_ID =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  private final String level;
  private final String displayName;
  private final String markingId;

  Tlp(String level, String displayName, String markingId) {
    this.level = level;
    this.displayName = displayName;
    this.markingId = markingId;
  }

  public String level() {
    return level;
  }

  public String markingId() {
    return markingId;
  }

  /** The official marking-definition object, exactly as OASIS publishes it. */
  public ObjectNode markingDefinition() {
    ObjectNode m = StixJson.mapper().createObjectNode();
    m.put("type", "marking-definition");
    m.put("spec_version", "2.1");
    m.put("id", markingId);
    m.put("created", "2022-10-01T00:00:00.000Z");
    m.put("name", displayName);
    ObjectNode ext = m.putObject("extensions").putObject(EXTENSION_ID);
    ext.put("extension_type", "property-extension");
    ext.put("tlp_2_0", level);
    return m;
  }

  public static Optional<Tlp> byMarkingId(String id) {
    for (Tlp t : values()) {
      if (t.markingId.equals(id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Parses {@code clear|green|amber|amber+strict|red} (case-insensitive, "TLP:" prefix allowed). */
  public static Tlp parse(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.startsWith("tlp:")) {
      v = v.substring(4);
    }
    for (Tlp t : values()) {
      if (t.level.equals(v)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown TLP level: " + s);
  }
}
