package io.distillwatch.sharing.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Jackson set-up and timestamps shared by every STIX producer and consumer in DistillWatch. */
public final class StixJson {

  /** STIX timestamps: RFC 3339 UTC with milliseconds, e.g. {@code 2026-01-02T03:04:05.678Z}. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Default nesting limit for untrusted input: 16 levels. */
  public static final int DEFAULT_MAX_DEPTH = 16;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StixJson() {}

  /** A mapper for trusted, locally built objects. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * A mapper for untrusted input: duplicate member names refused (they would make a signature
   * ambiguous), nesting limited to {@code maxDepth}, strings to {@code maxStringLength} chars,
   * numbers to 64 digits, no trailing tokens.
   */
  public static ObjectMapper strictMapper(int maxDepth, int maxStringLength) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxStringLength)
                    .maxNumberLength(64)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.configure(JsonParser.Feature.ALLOW_COMMENTS, false);
    return mapper;
  }

  public static String timestamp(Instant t) {
    return TIMESTAMP.format(t.truncatedTo(ChronoUnit.MILLIS));
  }
}
