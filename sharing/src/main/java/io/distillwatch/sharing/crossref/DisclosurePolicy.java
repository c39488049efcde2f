package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.sharing.stix.InfrastructurePattern;
import io.distillwatch.template.TemplateSketch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The one place that decides what may leave a node, per identifier (SECURITY.md, "What leaves a
 * node"): {@link Identifier#disclosure()} says CLEAR, BLINDED, PSI_ONLY or NEVER; this class gives
 * out a clear value only for CLEAR kinds and a blinded value only for BLINDED kinds, and
 * {@link #checkOutbound} refuses any outgoing batch with an indicator or sketch it did not allow.
 * Publishing ({@code publish}, the node's auto-publisher) calls it on every batch.
 */
public final class DisclosurePolicy {
  /** Domain separation: the blinded input is this prefix, the kind, ':' and the normal form. */
  static final String BLIND_PREFIX = "distillwatch:blind:v1:";

  private DisclosurePolicy() {}

  public static Disclosure of(Identifier kind) {
    return kind.disclosure();
  }

  /**
   * The normal form of a value that may travel in clear.
   *
   * @throws IllegalArgumentException when the kind may not travel in clear, or the value is invalid
   *     (e.g. a range narrower than /24)
   */
  public static String clear(Identifier kind, String raw) {
    if (kind.disclosure() != Disclosure.CLEAR || kind == Identifier.CAMPAIGN_PROFILE) {
      throw new IllegalArgumentException(kind.wireName() + " may not leave the node in clear ("
          + kind.disclosure() + ")");
    }
    return Normalization.normalize(kind, raw);
  }

  /**
   * The blinded form of a value under the primary key.
   *
   * @throws IllegalArgumentException when the kind is not one that travels blinded (PSI-only kinds:
   *     a key holder could enumerate them), or the value is invalid
   */
  public static BlindedValue blind(Identifier kind, String raw, BlindingKeys keys) {
    return blind(kind, raw, keys, keys.primaryId());
  }

  /** As {@link #blind(Identifier, String, BlindingKeys)}, under a given key of the set (matching). */
  public static BlindedValue blind(Identifier kind, String raw, BlindingKeys keys, int keyId) {
    if (kind.disclosure() != Disclosure.BLINDED || kind == Identifier.TEMPLATE_SKETCH) {
      throw new IllegalArgumentException(kind.wireName() + " may not leave the node blinded ("
          + kind.disclosure() + ")");
    }
    String normal = Normalization.normalize(kind, raw);
    byte[] input = (BLIND_PREFIX + kind.wireName() + ":" + normal).getBytes(StandardCharsets.UTF_8);
    return new BlindedValue(kind, keyId, HexFormat.of().formatHex(keys.prf(keyId, input, 32)));
  }

  /**
   * Checks a batch of STIX objects about to leave the node: every cross-reference indicator names a
   * kind that may travel, in the form it may travel in (a clear value in its normal form, or a
   * blinded 64-hex value with a key id), and every template sketch is keyed (version 2).
   *
   * @throws IllegalArgumentException naming the first offending object (never its value)
   */
  public static void checkOutbound(Collection<? extends JsonNode> objects) {
    for (JsonNode o : objects) {
      String id = o.path("id").asText("?");
      JsonNode x = o.path("extensions").path(CrossrefIndicators.EXTENSION_ID);
      if ("indicator".equals(o.path("type").asText()) && !x.isMissingNode()) {
        checkIndicator(id, x, o.path("pattern").asText(""));
      } else if ("indicator".equals(o.path("type").asText())) {
        checkInfrastructurePattern(id, o.path("pattern").asText(""));
      }
      JsonNode sketches = o.path("extensions").path(io.distillwatch.sharing.stix.StixExtensions.DISTILLATION_ID)
          .path("template_sketch");
      for (JsonNode s : sketches) {
        TemplateSketch t;
        try {
          t = TemplateSketch.fromBytes(Base64.getDecoder().decode(s.asText("")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(id + ": template_sketch is not a template sketch");
        }
        if (!t.isKeyed()) {
          throw new IllegalArgumentException(id + ": template sketches travel keyed (version 2) only");
        }
      }
    }
  }

  private static void checkIndicator(String id, JsonNode x, String pattern) {
    Identifier kind;
    try {
      kind = Identifier.fromWire(x.path("kind").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(id + ": unknown identifier kind");
    }
    String value = x.path("value").asText("");
    switch (kind.disclosure()) {
      case CLEAR -> {
        String normal;
        try {
          normal = clear(kind, value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(id + ": " + e.getMessage());
        }
        if (!normal.equals(value) || x.has("key_id")) {
          throw new IllegalArgumentException(id + ": a clear " + kind.wireName() + " must be in its normal form");
        }
      }
      case BLINDED -> {
        if (kind == Identifier.TEMPLATE_SKETCH || !x.path("key_id").canConvertToLong()) {
          throw new IllegalArgumentException(id + ": a blinded " + kind.wireName() + " needs a key id");
        }
        new BlindedValue(kind, (int) x.path("key_id").asLong(), value); // validates the hex form
      }
      default -> throw new IllegalArgumentException(id + ": " + kind.wireName() + " never travels in an indicator ("
          + kind.disclosure() + ")");
    }
    if (!pattern.equals(CrossrefIndicators.pattern(kind, value, x.path("key_id").asLong(0)))) {
      throw new IllegalArgumentException(id + ": pattern does not match the cross-reference extension");
    }
  }

  private static void checkInfrastructurePattern(String id, String pattern) {
    // indicators without the extension: only the infrastructure patterns InfrastructurePattern makes
    java.util.regex.Matcher asn = java.util.regex.Pattern.compile("^\\[autonomous-system:number = (\\d+)\\]$").matcher(pattern);
    java.util.regex.Matcher cidr =
        java.util.regex.Pattern.compile("^\\[ipv[46]-addr:value ISSUBSET '([^']+)'\\]$").matcher(pattern);
    java.util.regex.Matcher domain = java.util.regex.Pattern.compile("^\\[domain-name:value = '([^']+)'\\]$").matcher(pattern);
    try {
      if (asn.matches()) {
        InfrastructurePattern.asn(Long.parseLong(asn.group(1)));
      } else if (cidr.matches()) {
        InfrastructurePattern.cidr(cidr.group(1));
      } else if (domain.matches()) {
        InfrastructurePattern.resellerDomain(domain.group(1));
      } else {
        throw new IllegalArgumentException("not an infrastructure pattern");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(id + ": indicator pattern may not leave the node (" + e.getMessage() + ")");
    }
  }
}
