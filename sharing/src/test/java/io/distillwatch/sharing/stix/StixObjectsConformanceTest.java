package io.distillwatch.sharing.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.testing.SharedDataTests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixObjectsConformanceTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final Instant T1 = Instant.parse("2026-03-02T11:30:00Z");

  private final StixFactory factory =
      new StixFactory(new StixIds("test-node-secret-0123456789".getBytes(StandardCharsets.UTF_8)), Tlp.AMBER);
  private final Ed25519KeyPair key = Ed25519KeyPair.generate();

  /** Every kind of object the project emits, signed where members sign. */
  static List<ObjectNode> everything(StixFactory f, Ed25519KeyPair key) {
    List<ObjectNode> signed = new ArrayList<>();
    DistillationProfile profile =
        new DistillationProfile(List.of("reasoning"), 12, 50_000, 30, List.of("elicitation.cot"), 0.91, true);
    ObjectNode campaign = f.campaign("c-1", "Campaign c-1", "desc", T0, T1, profile, T1);
    ObjectNode ap = f.attackPattern(AtlasTechnique.EXTRACT_AI_MODEL, T0);
    ObjectNode ap2 = f.attackPattern(AtlasTechnique.AI_IP_THEFT, T0);
    ObjectNode indicator =
        f.indicator("i-1", "Datacenter range", InfrastructurePattern.cidr("203.0.113.77/24"), T0, T1, T0);
    ObjectNode asn = f.indicator("i-2", "ASN", InfrastructurePattern.asn(64500), T0, null, T0);
    ObjectNode domain =
        f.indicator("i-3", "Reseller", InfrastructurePattern.resellerDomain("resell.example"), T0, null, T0);
    ObjectNode infra = f.infrastructure("inf-1", "Proxy pool", "anonymization", T0);
    signed.add(f.identity("Provider A", "organization", T0));
    signed.add(campaign);
    signed.add(f.intrusionSet("is-1", "Set 1", null, T0, T1));
    signed.add(ap);
    signed.add(ap2);
    signed.add(indicator);
    signed.add(asn);
    signed.add(domain);
    signed.add(infra);
    signed.add(f.sighting("s-1", campaign.get("id").asText(), T0, T1, 4, T1));
    signed.add(f.opinion("o-1", "agree", "seen here too", List.of(campaign.get("id").asText()), T1));
    signed.add(f.note("n-1", "abstract", "content", List.of(campaign.get("id").asText()), T1));
    signed.add(f.relationship("uses", campaign.get("id").asText(), ap.get("id").asText(), T0));
    signed.add(f.relationship("indicates", indicator.get("id").asText(), campaign.get("id").asText(), T0));
    List<ObjectNode> out = new ArrayList<>();
    signed.forEach(o -> out.add(ObjectSignature.sign(o, key)));
    for (Tlp t : Tlp.values()) {
      out.add(t.markingDefinition());
    }
    out.add(StixExtensions.projectIdentity());
    out.add(StixExtensions.signatureDefinition());
    out.add(StixExtensions.distillationDefinition());
    return out;
  }

  @Test
  void everyEmittedObjectValidatesAgainstTheOfficialSchemas() {
    SharedDataTests.require("stix/schemas");
    StixSchemas schemas = StixSchemas.locate().orElseThrow();
    List<ObjectNode> objects = everything(factory, key);
    for (ObjectNode o : objects) {
      assertThat(schemas.validate(o)).as("%s", o).isEmpty();
    }
    // The official bundle schema's oneOf over object types is ambiguous for some types (opinion,
    // note, extension-definition match two branches), so the envelope is checked with a campaign.
    assertThat(schemas.validate(StixFactory.bundle(objects.subList(1, 2)))).isEmpty();
  }

  @Test
  void theSchemasCatchABrokenObject() {
    SharedDataTests.require("stix/schemas");
    StixSchemas schemas = StixSchemas.locate().orElseThrow();
    ObjectNode bad = factory.campaign("c-9", "x", null, T0, null, null, T0);
    bad.remove("name");
    bad.put("id", "campaign--not-a-uuid");
    assertThat(schemas.validate(bad)).isNotEmpty();
  }

  @Test
  void theStructuralValidatorAcceptsEverythingWeEmit() {
    for (ObjectNode o : everything(factory, key)) {
      assertThat(StixValidator.check(o)).as("%s", o).isEmpty();
    }
  }

  @Test
  void theStructuralValidatorRefusesCommonDefects() {
    ObjectNode ok = factory.campaign("c-2", "x", null, T0, null, null, T1);
    ObjectNode wrongIdType = ok.deepCopy().put("id", "indicator--" + ok.get("id").asText().substring(10));
    ObjectNode wrongSpec = ok.deepCopy().put("spec_version", "2.0");
    ObjectNode badTime = ok.deepCopy().put("modified", "2026-13-01T00:00:00Z");
    ObjectNode rolledBack = ok.deepCopy().put("modified", "2020-01-01T00:00:00.000Z");
    ObjectNode noName = ok.deepCopy();
    noName.remove("name");
    ObjectNode badRef = ok.deepCopy().put("created_by_ref", "identity--x");
    ObjectNode badProp = ok.deepCopy().put("Bad-Name", "x");
    ObjectNode unknownType = ok.deepCopy().put("type", "malware-analysis");
    for (ObjectNode bad : List.of(wrongIdType, wrongSpec, badTime, rolledBack, noName, badRef, badProp, unknownType)) {
      assertThat(StixValidator.check(bad)).as("%s", bad).isNotEmpty();
    }
  }

  @Test
  void theFactoryRefusesTlpRed() {
    assertThatThrownBy(() -> new StixFactory(new StixIds(new byte[32]), Tlp.RED))
        .hasMessageContaining("TLP:RED");
  }

  @Test
  void idsAreStableAcrossRebuilds() {
    StixFactory again =
        new StixFactory(new StixIds("test-node-secret-0123456789".getBytes(StandardCharsets.UTF_8)), Tlp.AMBER);
    assertThat(again.campaign("c-1", "n", null, T0, null, null, T0).get("id"))
        .isEqualTo(factory.campaign("c-1", "other name", null, T1, null, null, T1).get("id"));
  }
}
