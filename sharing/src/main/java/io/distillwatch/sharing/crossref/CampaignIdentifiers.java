package io.distillwatch.sharing.crossref;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The identifiers a flagged campaign was seen with on this node (raw: they never leave it as such),
 * from which {@link CrossrefPublisher} makes the indicators the policy allows. {@code egressIsInfrastructure}
 * says whether the campaign's detection found datacenter or proxy egress: only then are its network
 * ranges shared (a residential /24 could single out a customer).
 */
public final class CampaignIdentifiers {
  public final Set<String> paymentFps = new LinkedHashSet<>();
  public final Set<String> emailDomains = new LinkedHashSet<>();
  public final Set<String> asns = new LinkedHashSet<>();
  public final Set<String> networkRanges = new LinkedHashSet<>();
  public final Set<String> tlsClients = new LinkedHashSet<>();
  public final Set<String> templates = new LinkedHashSet<>();
  public boolean egressIsInfrastructure;

  public boolean isEmpty() {
    return paymentFps.isEmpty() && emailDomains.isEmpty() && asns.isEmpty() && networkRanges.isEmpty()
        && tlsClients.isEmpty() && templates.isEmpty();
  }
}
