package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.distillwatch.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Test helper: validates objects against the official STIX 2.1 JSON schemas in ../shared/data/stix. */
public final class StixSchemas {

  private static final String OASIS =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

  private final Path root;
  private final SchemaRegistry registry;
  private final ConcurrentHashMap<String, Schema> cache = new ConcurrentHashMap<>();

  private StixSchemas(Path root) {
    this.root = root;
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas((String iri) -> iri.startsWith(OASIS) ? read(root.resolve(iri.substring(OASIS.length()))) : null));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Present only when the shared data folder holds the schemas. */
  public static Optional<StixSchemas> locate() {
    return SharedData.locate("stix")
        .map(p -> p.resolve("schemas"))
        .filter(Files::isDirectory)
        .map(StixSchemas::new);
  }

  /** Schema violations of one object (or bundle), empty when valid. */
  public List<String> validate(JsonNode object) {
    String type = object.path("type").asText();
    String relative =
        switch (type) {
          case "relationship", "sighting" -> "sros/" + type + ".json";
          case "marking-definition", "extension-definition", "bundle" -> "common/" + type + ".json";
          default -> "sdos/" + type + ".json";
        };
    if (!Files.exists(root.resolve(relative))) {
      return List.of("no schema for type " + type);
    }
    Schema schema = cache.computeIfAbsent(relative, r -> registry.getSchema(SchemaLocation.of(OASIS + r)));
    List<Error> errors = schema.validate(object.toString(), InputFormat.JSON);
    return errors.stream().map(Error::toString).collect(Collectors.toList());
  }
}
