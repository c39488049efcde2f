package io.distillwatch.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.store.HubStore;
import io.distillwatch.hub.taxii.TaxiiException;
import io.distillwatch.hub.taxii.TaxiiTime;
import io.distillwatch.sharing.jcs.Jcs;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.ReferenceObjects;
import io.distillwatch.sharing.stix.StixJson;
import io.distillwatch.sharing.stix.StixValidator;
import io.distillwatch.sharing.stix.Tlp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a POSTed body may enter a collection, without touching HTTP or the database:
 * strict JSON (no duplicate keys, depth limit), a TAXII envelope (or, as a leniency, a STIX
 * bundle), every object structurally valid, no {@code TLP:RED}, each object's signature valid,
 * made by a key of the posting member, and {@code created_by_ref} equal to that member's identity;
 * the standard reference objects (TLP marking-definitions, DistillWatch's extension-definitions) are
 * admitted unsigned when they are exactly the published ones, and nothing else may use their ids.
 * Any failure refuses the whole body (nothing is stored); see ADR 0041.
 */
public final class Admission {

  private final Members members;
  private final ObjectMapper strict;
  private final int maxObjectBytes;
  private final int maxObjects;

  public Admission(Members members, int maxDepth, int maxObjectBytes, int maxObjects) {
    this.members = members;
    this.strict = StixJson.strictMapper(maxDepth, maxObjectBytes);
    this.maxObjectBytes = maxObjectBytes;
    this.maxObjects = maxObjects;
  }

  /** The canonical versions to store, in body order, duplicates inside the body removed. */
  public List<HubStore.NewVersion> admit(byte[] body, Members.Member poster) {
    JsonNode root = parse(body);
    JsonNode objects;
    if (root.isObject() && "bundle".equals(root.path("type").asText(null))) {
      objects = root.path("objects"); // documented leniency: a bare STIX bundle
    } else if (root.isObject() && root.has("objects")) {
      objects = root.get("objects");
    } else {
      throw TaxiiException.badRequest("not-an-envelope", "body must be a TAXII envelope {\"objects\": [...]}");
    }
    if (!objects.isArray() || objects.isEmpty()) {
      throw TaxiiException.unprocessable("no-objects", "objects must be a non-empty list");
    }
    if (objects.size() > maxObjects) {
      throw new TaxiiException(413, "Payload Too Large", "too-many-objects",
          "at most " + maxObjects + " objects per request");
    }
    // Signature checks dominate (Ed25519 verify ~140 µs): objects are checked on all cores; the
    // refusal reported is always the lowest failing index, as in a sequential check.
    int n = objects.size();
    HubStore.NewVersion[] admitted = new HubStore.NewVersion[n];
    TaxiiException[] refused = new TaxiiException[n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      try {
        admitted[i] = admitOne(objects.get(i), i, poster);
      } catch (TaxiiException e) {
        refused[i] = e;
      }
    });
    for (TaxiiException e : refused) {
      if (e != null) {
        throw e;
      }
    }
    List<HubStore.NewVersion> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      HubStore.NewVersion v = admitted[i];
      String key = v.objectId() + "@" + v.versionNanos();
      String previous = seen.putIfAbsent(key, v.body());
      if (previous == null) {
        out.add(v);
      } else if (!previous.equals(v.body())) {
        throw TaxiiException.unprocessable("version-conflict",
            "objects[" + i + "]: the same id and version appear twice with different content");
      }
    }
    return out;
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode root = strict.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw TaxiiException.badRequest("malformed-json", "empty body");
      }
      requireNoLoneSurrogate(root);
      return root;
    } catch (StreamConstraintsException e) {
      throw TaxiiException.badRequest("too-deep-or-too-long", "body exceeds nesting or length limits");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" :
          " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw TaxiiException.badRequest("malformed-json", "body is not valid JSON" + where);
    } catch (IOException e) {
      throw TaxiiException.badRequest("malformed-json", "body could not be read");
    }
  }

  /**
   * A lone UTF-16 surrogate (as a JSON escape such as backslash-u-D800, or as CESU-8 bytes) is not a
   * Unicode string: parsers disagree on it, so it is refused anywhere in the body as malformed JSON.
   */
  private static void requireNoLoneSurrogate(JsonNode root) {
    java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      JsonNode n = pending.pop();
      if (n.isTextual() && hasLoneSurrogate(n.textValue())) {
        throw TaxiiException.badRequest("malformed-json", "body holds a lone UTF-16 surrogate");
      }
      if (n.isObject()) {
        n.fieldNames().forEachRemaining(name -> {
          if (hasLoneSurrogate(name)) {
            throw TaxiiException.badRequest("malformed-json", "body holds a lone UTF-16 surrogate");
          }
        });
      }
      n.forEach(pending::push);
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private HubStore.NewVersion admitOne(JsonNode node, int i, Members.Member poster) {
    String at = "objects[" + i + "]: ";
    List<String> problems = StixValidator.check(node);
    if (!problems.isEmpty()) {
      throw TaxiiException.unprocessable("invalid-stix", at + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
    ObjectNode o = (ObjectNode) node;
    if (isRed(o)) {
      throw TaxiiException.unprocessable("tlp-red", at + "TLP:RED material is never shared through the hub");
    }
    String canonical;
    try {
      canonical = Jcs.canonicalString(o);
    } catch (IllegalArgumentException e) {
      throw TaxiiException.unprocessable("invalid-stix", at + e.getMessage());
    }
    if (canonical.length() > maxObjectBytes) {
      throw new TaxiiException(413, "Payload Too Large", "object-too-large",
          at + "object larger than " + maxObjectBytes + " bytes");
    }
    if (ReferenceObjects.isReserved(o.path("id").asText())) {
      // TLP marking-definitions and DistillWatch's extension-definitions: unsigned, fixed content (ADR 0049)
      if (!ReferenceObjects.isKnown(o)) {
        throw TaxiiException.forbidden("reserved-id", at + "this id belongs to a standard reference object;"
            + " only its published content is accepted");
      }
      return newVersion(o, canonical);
    }
    ObjectSignature.Verdict verdict = ObjectSignature.verify(o, members::publicKey);
    if (verdict != ObjectSignature.Verdict.VALID) {
      throw TaxiiException.forbidden("signature-" + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          at + "signature check failed: " + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
    Optional<Members.Member> signer = ObjectSignature.keyId(o).flatMap(members::keyOwner);
    if (signer.isEmpty() || !signer.get().name().equals(poster.name())) {
      throw TaxiiException.forbidden("not-signer", at + "objects must be signed with the posting member's own key");
    }
    if (!poster.identityId().equals(o.path("created_by_ref").asText(null))) {
      throw TaxiiException.forbidden("created-by-mismatch", at + "created_by_ref must be the posting member's identity");
    }
    return newVersion(o, canonical);
  }

  private static HubStore.NewVersion newVersion(ObjectNode o, String canonical) {
    String versionText = o.has("modified") ? o.get("modified").textValue() : o.get("created").textValue();
    Instant version = Instant.parse(versionText);
    return new HubStore.NewVersion(o.get("id").textValue(), o.get("type").textValue(), "2.1", versionText,
        TaxiiTime.nanos(version), o.path("created_by_ref").textValue(), canonical);
  }

  private static boolean isRed(ObjectNode o) {
    if (Tlp.RED.markingId().equals(o.path("id").asText())) {
      return true;
    }
    for (JsonNode ref : o.path("object_marking_refs")) {
      if (Tlp.RED.markingId().equals(ref.asText())) {
        return true;
      }
    }
    for (JsonNode g : o.path("granular_markings")) {
      if (Tlp.RED.markingId().equals(g.path("marking_ref").asText())) {
        return true;
      }
    }
    JsonNode tlpExt = o.path("extensions").path(Tlp.EXTENSION_ID).path("tlp_2_0");
    return "red".equalsIgnoreCase(tlpExt.asText(""));
  }
}
