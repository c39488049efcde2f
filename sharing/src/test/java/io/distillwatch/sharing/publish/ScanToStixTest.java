package io.distillwatch.sharing.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.NodeKey;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.StixExtensions;
import io.distillwatch.sharing.stix.ReferenceObjects;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.StixSchemas;
import io.distillwatch.sharing.stix.StixValidator;
import io.distillwatch.sharing.stix.Tlp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanToStixTest {

  private static final Instant NOW = Instant.parse("2026-03-05T12:00:00Z");

  @TempDir Path tmp;

  private final StixFactory stix =
      new StixFactory(new StixIds("publisher-secret-0123456789".getBytes(StandardCharsets.UTF_8)), Tlp.AMBER);

  private List<ObjectNode> publish(Path scan) throws Exception {
    ScanToStix mapper = new ScanToStix(stix, false);
    List<ObjectNode> objects = mapper.objects(mapper.read(scan), "Provider A");
    PublishLedger.open(tmp.resolve("ledger.json")).stamp(objects, NOW);
    return objects;
  }

  @Test
  void oneCampaignPerFlaggedClusterAndUnclusteredFlaggedAccount() throws Exception {
    List<ObjectNode> objects = publish(ScanFixture.write(tmp.resolve("scan")));
    List<ObjectNode> campaigns = objects.stream().filter(o -> o.get("type").asText().equals("campaign")).toList();
    assertThat(campaigns).hasSize(2);
    JsonNode clusterProfile = campaigns.get(0).get("extensions").get(StixExtensions.DISTILLATION_ID);
    assertThat(clusterProfile.get("volume_profile").get("accounts").asLong()).isEqualTo(2);
    assertThat(clusterProfile.get("volume_profile").get("events").asLong()).isEqualTo(2866 + 1500);
    assertThat(clusterProfile.get("capabilities_targeted")).extracting(JsonNode::asText)
        .containsExactly("mathematics", "reasoning");
    assertThat(clusterProfile.get("release_pivot").asBoolean()).isTrue();
    assertThat(clusterProfile.get("signals")).extracting(JsonNode::asText).doesNotContain("cluster.member");
    assertThat(campaigns.get(0).get("description").asText()).contains("payment_fp (1 pairs)");
    assertThat(objects).filteredOn(o -> o.get("type").asText().equals("sighting")).hasSize(2);
    assertThat(objects).filteredOn(o -> o.get("type").asText().equals("relationship")).hasSize(4);
  }

  @Test
  void campaignTimesAreTheTrafficsOwnNeverThePublishTime() throws Exception {
    List<ObjectNode> objects = publish(ScanFixture.write(tmp.resolve("scan")));
    List<ObjectNode> campaigns = objects.stream().filter(o -> o.get("type").asText().equals("campaign")).toList();
    // the cluster: its members' traffic spans 2026-02-27T08:00 .. 2026-03-02T09:30 (73.5 h)
    assertThat(campaigns.get(0).get("first_seen").asText()).isEqualTo("2026-02-27T08:00:00.000Z");
    assertThat(campaigns.get(0).get("last_seen").asText()).isEqualTo("2026-03-02T09:30:00.000Z");
    assertThat(campaigns.get(0).at("/extensions/" + StixExtensions.DISTILLATION_ID + "/volume_profile/active_hours")
        .asLong()).isEqualTo(74);
    // the lone account: 22:00 .. 01:15 the next day
    assertThat(campaigns.get(1).get("first_seen").asText()).isEqualTo("2026-03-01T22:00:00.000Z");
    assertThat(campaigns.get(1).at("/extensions/" + StixExtensions.DISTILLATION_ID + "/volume_profile/active_hours")
        .asLong()).isEqualTo(4);
    ObjectNode sighting = objects.stream().filter(o -> o.get("type").asText().equals("sighting")).findFirst().orElseThrow();
    assertThat(sighting.get("first_seen").asText()).isEqualTo("2026-02-27T08:00:00.000Z");
    assertThat(sighting.get("last_seen").asText()).isEqualTo("2026-03-02T09:30:00.000Z");
  }

  @Test
  void withoutTrafficTimesFlagTimesAreUsedAndWithoutAnyTimeNothingIsPublished() throws Exception {
    Path scan = Files.createDirectories(tmp.resolve("old-scan"));
    Files.writeString(scan.resolve("accounts.jsonl"),
        "{\"account\":\"a1\",\"score\":0.9,\"verdict\":\"distillation\",\"cluster\":null,\"events\":5,"
            + "\"first_flagged_at\":\"2026-03-01T10:00:00.000Z\",\"signals\":[]}\n"
            + "{\"account\":\"a2\",\"score\":0.6,\"verdict\":\"suspicious\",\"cluster\":null,\"events\":5,"
            + "\"first_flagged_at\":null,\"signals\":[]}\n");
    ScanToStix mapper = new ScanToStix(stix, true);
    List<ScanToStix.CampaignDraft> drafts = mapper.read(scan);
    assertThat(drafts).singleElement().satisfies(d -> {
      assertThat(d.firstSeen()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
      assertThat(d.lastSeen()).isEqualTo(d.firstSeen());
    });
  }

  @Test
  void identityAndAttackPatternsKeepOneContentUnderEveryMarking() throws Exception {
    Path scan = ScanFixture.write(tmp.resolve("scan"));
    byte[] secret = "publisher-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    ScanToStix amber = new ScanToStix(new StixFactory(new StixIds(secret), Tlp.AMBER), false);
    ScanToStix green = new ScanToStix(new StixFactory(new StixIds(secret), Tlp.GREEN), false);
    List<ObjectNode> a = amber.objects(amber.read(scan), "Provider A");
    List<ObjectNode> g = green.objects(green.read(scan), "Provider A");
    for (int i = 0; i < a.size(); i++) {
      String type = a.get(i).get("type").asText();
      if (type.equals("identity") || type.equals("attack-pattern")) {
        assertThat(g.get(i)).as(type).isEqualTo(a.get(i));
        assertThat(a.get(i).has("object_marking_refs")).as(type).isFalse();
      } else {
        assertThat(g.get(i).get("object_marking_refs").get(0).asText()).as(type).isEqualTo(Tlp.GREEN.markingId());
      }
    }
  }

  @Test
  void aBundleCarriesTheDefinitionsAndMarkingsItsObjectsReferenceAndValidates() throws Exception {
    NodeKey key = NodeKey.generate("Provider A");
    PublishBundle.Contents contents = PublishBundle.build(ScanFixture.write(tmp.resolve("scan")), key, Tlp.GREEN, false,
        PublishLedger.open(tmp.resolve("ledger.json")), NOW);
    assertThat(contents.campaigns()).isEqualTo(2);
    java.util.Set<String> carried = new java.util.HashSet<>();
    contents.objects().forEach(o -> carried.add(o.get("id").asText()));
    for (ObjectNode o : contents.objects()) {
      o.path("object_marking_refs").forEach(r -> assertThat(carried).as("marking of %s", o.get("id")).contains(r.asText()));
      o.path("extensions").fieldNames().forEachRemaining(ext -> {
        if (!ext.equals(Tlp.EXTENSION_ID)) { // OASIS's own TLP 2.0 definition, referenced by id everywhere
          assertThat(carried).as("extension of %s", o.get("id")).contains(ext);
        }
      });
      if (o.has("created_by_ref")) {
        assertThat(carried).as("creator of %s", o.get("id")).contains(o.get("created_by_ref").asText());
      }
      assertThat(StixValidator.check(o)).as("%s", o).isEmpty();
      StixSchemas.locate().ifPresent(s -> assertThat(s.validate(o)).as("%s", o).isEmpty());
    }
    assertThat(carried).contains(Tlp.GREEN.markingId(), ObjectSignature.EXTENSION_ID, StixExtensions.DISTILLATION_ID)
        .doesNotContain(Tlp.AMBER.markingId());
    assertThat(contents.objects()).filteredOn(ReferenceObjects::isKnown).hasSize(4);
  }

  @Test
  void nothingThatIdentifiesACustomerIsPublished() throws Exception {
    List<ObjectNode> objects = publish(ScanFixture.write(tmp.resolve("scan")));
    String all = new ObjectMapper().writeValueAsString(objects);
    for (String secret : ScanFixture.SECRETS) {
      assertThat(all).as("published output").doesNotContain(secret);
    }
  }

  @Test
  void publishedObjectsAreValidStixAndSignable() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    for (ObjectNode o : publish(ScanFixture.write(tmp.resolve("scan")))) {
      ObjectNode signed = ObjectSignature.sign(o, key);
      assertThat(StixValidator.check(signed)).as("%s", signed).isEmpty();
      StixSchemas.locate().ifPresent(s -> assertThat(s.validate(signed)).as("%s", signed).isEmpty());
    }
  }

  @Test
  void republishingUnchangedContentKeepsVersionsAndChangedContentMovesForward() throws Exception {
    Path scan = ScanFixture.write(tmp.resolve("scan"));
    ScanToStix mapper = new ScanToStix(stix, false);
    Path ledgerFile = tmp.resolve("ledger.json");
    PublishLedger ledger = PublishLedger.open(ledgerFile);
    List<ObjectNode> first = mapper.objects(mapper.read(scan), "Provider A");
    ledger.stamp(first, NOW);
    ledger.save();
    List<ObjectNode> again = mapper.objects(mapper.read(scan), "Provider A");
    PublishLedger.open(ledgerFile).stamp(again, NOW.plusSeconds(3600));
    assertThat(again).isEqualTo(first);
    List<ObjectNode> renamed = mapper.objects(mapper.read(scan), "Provider A renamed");
    PublishLedger.open(ledgerFile).stamp(renamed, NOW.plusSeconds(7200));
    assertThat(Instant.parse(renamed.get(0).get("modified").asText()))
        .isAfter(Instant.parse(first.get(0).get("modified").asText()));
  }
}
