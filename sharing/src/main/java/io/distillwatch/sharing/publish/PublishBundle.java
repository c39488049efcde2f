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
    ScanToStix mapper = new ScanToStix(key.factory(tlp), includeSuspicious);
    List<ScanToStix.CampaignDraft> drafts = mapper.read(scanOut);
    List<ObjectNode> objects = mapper.objects(drafts, key.name());
    ledger.stamp(objects, now);
    List<ObjectNode> signed = new ArrayList<>();
    objects.forEach(o -> signed.add(ObjectSignature.sign(o, key.signingKey())));
    List<ObjectNode> all = new ArrayList<>(ReferenceObjects.referencedBy(signed));
    all.addAll(signed);
    return new Contents(drafts.size(), all);
  }
}
