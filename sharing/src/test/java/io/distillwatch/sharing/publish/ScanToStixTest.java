package io.distillwatch.sharing.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.ids.StixIds;
import io.distillwatch.sharing.sign.Ed25519KeyPair;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.StixExtensions;
import io.distillwatch.sharing.stix.StixFactory;
import io.distillwatch.sharing.stix.StixSchemas;
import io.distillwatch.sharing.stix.StixValidator;
import io.distillwatch.sharing.stix.Tlp;
import java.nio.charset.StandardCharsets;
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
    List<ObjectNode> objects = mapper.objects(mapper.read(scan, NOW), "Provider A");
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
    List<ObjectNode> first = mapper.objects(mapper.read(scan, NOW), "Provider A");
    ledger.stamp(first, NOW);
    ledger.save();
    List<ObjectNode> again = mapper.objects(mapper.read(scan, NOW), "Provider A");
    PublishLedger.open(ledgerFile).stamp(again, NOW.plusSeconds(3600));
    assertThat(again).isEqualTo(first);
    List<ObjectNode> renamed = mapper.objects(mapper.read(scan, NOW), "Provider A renamed");
    PublishLedger.open(ledgerFile).stamp(renamed, NOW.plusSeconds(7200));
    assertThat(Instant.parse(renamed.get(0).get("modified").asText()))
        .isAfter(Instant.parse(first.get(0).get("modified").asText()));
  }
}
