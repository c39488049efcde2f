package io.distillwatch.screening;

import io.distillwatch.screening.lists.Countries;
import io.distillwatch.screening.lists.Receipt;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/**
 * What ownership means for screening, read from a properties file:
 *
 * <pre>
 * restricted_jurisdictions=CN,RU      # ISO alpha-2 codes or names; default: none (rule off)
 * majority_threshold_pct=50           # an owner holds a majority when its share is strictly above
 * restricted_owner_outcome=review     # majority-owned (whole chain) by a company in a restricted jurisdiction
 * restricted_domicile_outcome=no_match # the account itself is in a restricted jurisdiction
 * listed_parent_majority_outcome=match # a listed owner up a majority chain
 * listed_parent_minority_outcome=review # a listed owner with a minority or unknown share somewhere in the chain
 * </pre>
 *
 * A chain is majority-owned only when every link's {@code ownership_pct} is known and above the
 * threshold. OFAC's own 50 % rule counts 50 % itself; set 49.99 to follow it.
 */
public final class OwnershipPolicy {
  final Set<String> restricted;
  final double majorityThresholdPct;
  final Outcome restrictedOwnerOutcome;
  final Outcome restrictedDomicileOutcome;
  final Outcome listedParentMajorityOutcome;
  final Outcome listedParentMinorityOutcome;
  /** Provenance of a jurisdiction decision: the policy file; null for the defaults. */
  final Receipt receipt;

  private OwnershipPolicy(Properties p, Receipt receipt) {
    Set<String> codes = new LinkedHashSet<>();
    for (String s : p.getProperty("restricted_jurisdictions", "").split(",")) {
      if (s.isBlank()) {
        continue;
      }
      String code = Countries.toCode(s);
      if (code == null) {
        throw new IllegalArgumentException("restricted_jurisdictions: unknown country " + s.trim());
      }
      codes.add(code);
    }
    this.restricted = Set.copyOf(codes);
    this.majorityThresholdPct = Double.parseDouble(p.getProperty("majority_threshold_pct", "50"));
    this.restrictedOwnerOutcome = Outcome.parse(p.getProperty("restricted_owner_outcome", "review"));
    this.restrictedDomicileOutcome =
        Outcome.parse(p.getProperty("restricted_domicile_outcome", "no_match"));
    this.listedParentMajorityOutcome =
        Outcome.parse(p.getProperty("listed_parent_majority_outcome", "match"));
    this.listedParentMinorityOutcome =
        Outcome.parse(p.getProperty("listed_parent_minority_outcome", "review"));
    this.receipt = receipt;
  }

  /** No restricted jurisdictions; listed owners: match through a majority chain, else review. */
  public static OwnershipPolicy defaults() {
    return new OwnershipPolicy(new Properties(), null);
  }

  public static OwnershipPolicy fromFile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Set<String> known =
        Set.of("restricted_jurisdictions", "majority_threshold_pct", "restricted_owner_outcome",
            "restricted_domicile_outcome", "listed_parent_majority_outcome",
            "listed_parent_minority_outcome");
    for (String key : p.stringPropertyNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(file + ": unknown key " + key);
      }
    }
    String sha;
    try {
      sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new OwnershipPolicy(p, new Receipt(file.getFileName().toString(), sha, null));
  }

  public Set<String> restrictedJurisdictions() {
    return restricted;
  }

  /** Whether a share (percent) is a majority under this policy; null (unknown) is not. */
  boolean isMajority(Double pct) {
    return pct != null && pct > majorityThresholdPct;
  }
}
