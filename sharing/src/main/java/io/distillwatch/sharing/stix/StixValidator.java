package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks of an incoming STIX 2.1 object, in code (no schema files at run time): type
 * name and id format ({@code type--UUID} with the same type), {@code spec_version} 2.1, RFC 3339
 * UTC timestamps, {@code modified ≥ created}, identifier syntax of every {@code *_ref} / {@code
 * *_refs}, property-name syntax, the required properties of each type DistillWatch exchanges, and a
 * nesting limit of {@value #MAX_DEPTH} levels. Types outside {@link #SUPPORTED_TYPES} are refused.
 */
public final class StixValidator {

  /** Deepest nesting accepted inside one object: 8 levels. */
  public static final int MAX_DEPTH = 8;

  public static final Set<String> SUPPORTED_TYPES =
      Set.of(
          "identity", "campaign", "intrusion-set", "attack-pattern", "indicator", "infrastructure",
          "sighting", "opinion", "note", "relationship", "report", "grouping", "threat-actor",
          "course-of-action", "marking-definition", "extension-definition");

  private static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("identity", List.of("name")),
          Map.entry("campaign", List.of("name")),
          Map.entry("intrusion-set", List.of("name")),
          Map.entry("attack-pattern", List.of("name")),
          Map.entry("indicator", List.of("pattern", "pattern_type", "valid_from")),
          Map.entry("infrastructure", List.of("name")),
          Map.entry("sighting", List.of("sighting_of_ref")),
          Map.entry("opinion", List.of("opinion", "object_refs")),
          Map.entry("note", List.of("content", "object_refs")),
          Map.entry("relationship", List.of("relationship_type", "source_ref", "target_ref")),
          Map.entry("report", List.of("name", "published", "object_refs")),
          Map.entry("grouping", List.of("context", "object_refs")),
          Map.entry("threat-actor", List.of("name")),
          Map.entry("course-of-action", List.of("name")),
          Map.entry("marking-definition", List.of()),
          Map.entry("extension-definition", List.of("name", "schema", "version", "extension_types")));

  private static final Set<String> TIMESTAMPS =
      Set.of("created", "modified", "first_seen", "last_seen", "valid_from", "valid_until", "published",
          "first_observed", "last_observed");

  private static final Pattern TYPE = Pattern.compile("^([a-z][a-z0-9]*)+(-[a-z0-9]+)*-?$");
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]{1,9})?Z$");
  private static final Pattern PROPERTY = Pattern.compile("^[a-z][a-z0-9_]{2,249}$|^id$");

  private StixValidator() {}

  /** Problems found, empty when the object is acceptable. */
  public static List<String> check(JsonNode o) {
    List<String> problems = new ArrayList<>();
    if (o == null || !o.isObject()) {
      problems.add("not a JSON object");
      return problems;
    }
    if (depth(o) > MAX_DEPTH) {
      problems.add("nested deeper than " + MAX_DEPTH + " levels");
      return problems;
    }
    String type = o.path("type").isTextual() ? o.get("type").textValue() : null;
    if (type == null || type.length() < 3 || type.length() > 250 || !TYPE.matcher(type).matches()) {
      problems.add("type is missing or malformed");
      return problems;
    }
    if (!SUPPORTED_TYPES.contains(type)) {
      problems.add("type '" + type + "' is not accepted");
      return problems;
    }
    if (!"2.1".equals(o.path("spec_version").asText(null))) {
      problems.add("spec_version must be \"2.1\"");
    }
    String id = o.path("id").isTextual() ? o.get("id").textValue() : "";
    if (!IDENTIFIER.matcher(id).matches() || !id.startsWith(type + "--")) {
      problems.add("id must be " + type + "--<UUID>");
    }
    if (!o.path("created").isTextual()) {
      problems.add("created is required");
    }
    if (!"marking-definition".equals(type) && !o.path("modified").isTextual()) {
      problems.add("modified is required");
    }
    for (String required : REQUIRED.get(type)) {
      if (!o.has(required) || o.get(required).isNull()) {
        problems.add(required + " is required for " + type);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      checkProperty(f.getKey(), f.getValue(), problems);
    }
    if (problems.isEmpty() && o.has("modified")) {
      if (parse(o.get("modified").textValue()).isBefore(parse(o.get("created").textValue()))) {
        problems.add("modified is before created");
      }
    }
    return problems;
  }

  private static void checkProperty(String name, JsonNode value, List<String> problems) {
    if (!PROPERTY.matcher(name).matches()) {
      problems.add("property name '" + truncate(name) + "' is not valid");
      return;
    }
    if (value.isNull()) {
      problems.add(name + " must not be null");
      return;
    }
    if (TIMESTAMPS.contains(name)) {
      if (!value.isTextual() || !TIMESTAMP.matcher(value.textValue()).matches()) {
        problems.add(name + " must be an RFC 3339 UTC timestamp");
      } else {
        try {
          parse(value.textValue());
        } catch (DateTimeParseException e) {
          problems.add(name + " is not a real date");
        }
      }
    } else if (name.endsWith("_ref")) {
      if (!value.isTextual() || !IDENTIFIER.matcher(value.textValue()).matches()) {
        problems.add(name + " must be a STIX identifier");
      }
    } else if (name.endsWith("_refs")) {
      if (!value.isArray() || value.isEmpty()) {
        problems.add(name + " must be a non-empty list of identifiers");
      } else {
        for (JsonNode ref : value) {
          if (!ref.isTextual() || !IDENTIFIER.matcher(ref.textValue()).matches()) {
            problems.add(name + " must contain STIX identifiers only");
            break;
          }
        }
      }
    } else if (name.equals("extensions")) {
      if (!value.isObject() || value.isEmpty()) {
        problems.add("extensions must be a non-empty object");
      } else {
        value.fields().forEachRemaining(e -> {
          if (!e.getValue().isObject() || e.getValue().isEmpty()) {
            problems.add("each extension must be a non-empty object");
          } else if (e.getKey().startsWith("extension-definition--")
              && !e.getValue().path("extension_type").isTextual()) {
            problems.add("extension " + truncate(e.getKey()) + " lacks extension_type");
          }
        });
      }
    } else if (value.isArray() && value.isEmpty()) {
      problems.add(name + " must not be an empty list");
    }
  }

  private static Instant parse(String ts) {
    return Instant.parse(ts);
  }

  static int depth(JsonNode n) {
    if (!n.isContainerNode()) {
      return 0;
    }
    int max = 0;
    for (JsonNode child : n) {
      max = Math.max(max, depth(child));
    }
    return max + 1;
  }

  private static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
