package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.sign.ObjectSignature;

/**
 * The two extension-definitions DistillWatch defines and the project identity that created them.
 * Their ids are fixed forever; {@code docs/wire-formats.md} ("Signed STIX objects") documents them.
 */
public final class StixExtensions {

  /** Identity of the DistillWatch project, creator of its extension-definitions. */
  public static final String PROJECT_IDENTITY_ID = "identity--2f6a7c31-94b8-4d0e-8a53-6c1e9b7d4f20";

  /** Distillation specifics (capability targeted, volume profile, release pivot, sketch slot). */
  public static final String DISTILLATION_ID =
      "extension-definition--a4e3c9d1-6b27-4f85-9c0e-3d71b5e28f46";

  /** Cross-reference indicators and sightings (identifier kind, clear or blinded value, basis). */
  public static final String CROSSREF_ID =
      "extension-definition--3b8e6f14-2c9d-4a71-8e5b-7f0a1d6c9e42";

  private static final String CREATED = "2026-11-26T00:00:00.000Z";
  /** Version 1.1.0 of the distillation extension (template_sketch emitted) was made on this date. */
  private static final String DISTILLATION_1_1_MODIFIED = "2026-12-02T00:00:00.000Z";

  private StixExtensions() {}

  public static ObjectNode projectIdentity() {
    ObjectNode o = base("identity", PROJECT_IDENTITY_ID);
    o.put("name", "DistillWatch project");
    o.put("identity_class", "organization");
    return o;
  }

  public static ObjectNode signatureDefinition() {
    ObjectNode o = base("extension-definition", ObjectSignature.EXTENSION_ID);
    o.put("created_by_ref", PROJECT_IDENTITY_ID);
    o.put("name", "DistillWatch object signature");
    o.put(
        "description",
        "Ed25519 signature by the creating member over the RFC 8785 canonical JSON of the object"
            + " without this extension. Properties: algorithm (\"ed25519\"), key_id (\"ed25519:\""
            + " + first 16 bytes of SHA-256(public key), hex), signature (base64, 64 bytes).");
    o.put("schema", "https://github.com/distillwatch/distillwatch/blob/main/docs/wire-formats.md#signed-stix-objects");
    o.put("version", "1.0.0");
    o.putArray("extension_types").add("property-extension");
    return o;
  }

  public static ObjectNode distillationDefinition() {
    ObjectNode o = base("extension-definition", DISTILLATION_ID);
    o.put("created_by_ref", PROJECT_IDENTITY_ID);
    o.put("name", "DistillWatch distillation profile");
    o.put(
        "description",
        "Profile of an adversarial-distillation campaign: capabilities_targeted (list),"
            + " volume_profile {accounts, events, active_hours}, signals (signal ids), score,"
            + " release_pivot (boolean), template_sketch (list of base64 keyed prompt-template sketches,"
            + " wire format version 2, keyed with the members' blinding key).");
    o.put("modified", DISTILLATION_1_1_MODIFIED);
    o.put("schema", "https://github.com/distillwatch/distillwatch/blob/main/docs/wire-formats.md#template-sketch");
    o.put("version", "1.1.0");
    o.putArray("extension_types").add("property-extension");
    return o;
  }

  public static ObjectNode crossrefDefinition() {
    ObjectNode o = base("extension-definition", CROSSREF_ID);
    o.put("created_by_ref", PROJECT_IDENTITY_ID);
    o.put("name", "DistillWatch cross-reference");
    o.put(
        "description",
        "On indicators: kind (identifier kind), value (normal form for clear kinds; 64 hex of"
            + " HMAC-SHA-256 under the members' blinding key for blinded kinds), key_id (blinding key"
            + " id, blinded kinds only). On sightings: basis (\"detection\": the member's own detection"
            + " sighted it; \"match\": it matched a shared indicator only).");
    o.put("schema", "https://github.com/distillwatch/distillwatch/blob/main/docs/crossref.md");
    o.put("version", "1.0.0");
    o.putArray("extension_types").add("property-extension");
    return o;
  }

  /** The property-extension body for a campaign or intrusion-set. */
  public static ObjectNode distillationExtension(DistillationProfile p) {
    ObjectNode ext = StixJson.mapper().createObjectNode();
    ext.put("extension_type", "property-extension");
    ArrayNode caps = ext.putArray("capabilities_targeted");
    p.capabilitiesTargeted().forEach(caps::add);
    ObjectNode volume = ext.putObject("volume_profile");
    volume.put("accounts", p.accounts());
    volume.put("events", p.events());
    volume.put("active_hours", p.activeHours());
    ArrayNode signals = ext.putArray("signals");
    p.signals().forEach(signals::add);
    ext.put("score", Math.round(p.score() * 1000) / 1000.0);
    ext.put("release_pivot", p.releasePivot());
    if (caps.isEmpty()) {
      ext.remove("capabilities_targeted");
    }
    if (signals.isEmpty()) {
      ext.remove("signals");
    }
    return ext;
  }

  private static ObjectNode base(String type, String id) {
    ObjectNode o = StixJson.mapper().createObjectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", CREATED);
    o.put("modified", CREATED);
    return o;
  }
}
