package io.distillwatch.sharing.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.sharing.sign.NodeKey;
import io.distillwatch.sharing.sign.ObjectSignature;
import io.distillwatch.sharing.stix.ReferenceObjects;
import io.distillwatch.sharing.stix.Tlp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code publish} sends: the scan's campaigns as signed objects, versioned by the
 * {@link PublishLedger}, preceded by the reference objects they refer to (TLP marking-definition,
 * extension-definitions, project identity), so that the objects are complete wherever they land.
 */
public final class PublishBundle {

  /** @param objects reference objects first, then the signed objects */
  public record Contents(int campaigns, List<ObjectNode> objects) {}

  private PublishBundle() {}

  /**
   * Reads {@code scanOut}, stamps versions with {@code ledger} (not saved: save it once the hub
   * accepted the objects) and signs with the node key.
   */
  public static Contents build(Path scanOut, NodeKey key, Tlp tlp, boolean includeSuspicious, PublishLedger ledger,
      Instant now) throws IOException {
    return build(scanOut, key, tlp, includeSuspicious, ledger, now, null);
  }

  /** What to share besides campaign profiles: cross-reference indicators and keyed sketches (docs/crossref.md). */
  public record Crossref(io.distillwatch.sharing.crossref.SharingPolicy policy,
      io.distillwatch.sharing.crossref.BlindingKeys keys, Path accountsFile) {}

  /**
   * As {@link #build(Path, NodeKey, Tlp, boolean, PublishLedger, Instant)}, plus, when {@code crossref}
   * is given, the indicators its policy allows for each campaign of at least the policy's size. Every
   * object passes {@link io.distillwatch.sharing.crossref.DisclosurePolicy#checkOutbound} first.
   */
  public static Contents build(Path scanOut, NodeKey key, Tlp tlp, boolean includeSuspicious, PublishLedger ledger,
      Instant now, Crossref crossref) throws IOException {
    ScanToStix mapper = new ScanToStix(key.factory(tlp), includeSuspicious);
    List<ScanToStix.CampaignDraft> drafts = mapper.read(scanOut);
    List<ObjectNode> objects = mapper.objects(drafts, key.name());
    if (crossref != null) {
      var ids = io.distillwatch.sharing.crossref.ScanIdentifiers.read(scanOut, crossref.accountsFile());
      var publisher = new io.distillwatch.sharing.crossref.CrossrefPublisher(key.factory(tlp), crossref.policy(),
          crossref.keys());
      List<ObjectNode> extra = new ArrayList<>();
      for (ScanToStix.CampaignDraft d : drafts) {
        var campaignIds = ids.get(d.localId());
        String campaignId = key.factory(tlp).id("campaign", d.localId());
        ObjectNode campaign = objects.stream().filter(o -> o.get("id").asText().equals(campaignId)).findFirst()
            .orElse(null);
        if (campaignIds != null && campaign != null && d.profile().accounts() >= crossref.policy().minClusterSize()) {
          extra.addAll(publisher.objects(campaign, campaignIds, d.firstSeen()));
        }
      }
      objects.addAll(extra);
    }
    io.distillwatch.sharing.crossref.DisclosurePolicy.checkOutbound(objects);
    ledger.stamp(objects, now);
    List<ObjectNode> signed = new ArrayList<>();
    objects.forEach(o -> signed.add(ObjectSignature.sign(o, key.signingKey())));
    List<ObjectNode> all = new ArrayList<>(ReferenceObjects.referencedBy(signed));
    all.addAll(signed);
    return new Contents(drafts.size(), all);
  }
}
