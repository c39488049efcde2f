package io.distillwatch.detect;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.ipintel.IpIntel;
import java.util.Map;

/**
 * Read-only side data a detector consults: accounts file, models file, IP intelligence (any may be
 * absent) and the configuration.
 */
public final class DetectionContext {
  private final DetectionConfig config;
  private final Map<String, AccountInfo> accounts;
  private final Map<String, ModelInfo> models;
  private final IpIntel ipIntel;
  private final Map<String, String> allowlist;
  private final Map<String, Long> modelFirstSeen;
  private Map<String, AccountInfo> profiles;
  private CrossrefLookup crossref;
  private final int largestOutputLimit;

  public DetectionContext(
      DetectionConfig config,
      Map<String, AccountInfo> accounts,
      Map<String, ModelInfo> models,
      IpIntel ipIntel) {
    this(config, accounts, models, ipIntel, Map.of());
  }

  /**
   * @param allowlist account id to reason ({@code --allowlist FILE}): these accounts are capped at
   *     {@code suspicious} and carry {@code allowlist.exempt} with the reason
   */
  public DetectionContext(
      DetectionConfig config,
      Map<String, AccountInfo> accounts,
      Map<String, ModelInfo> models,
      IpIntel ipIntel,
      Map<String, String> allowlist) {
    this(config, accounts, models, ipIntel, allowlist, Map.of());
  }

  private DetectionContext(
      DetectionConfig config,
      Map<String, AccountInfo> accounts,
      Map<String, ModelInfo> models,
      IpIntel ipIntel,
      Map<String, String> allowlist,
      Map<String, Long> modelFirstSeen) {
    this.config = config;
    this.accounts = Map.copyOf(accounts);
    this.models = Map.copyOf(models);
    this.ipIntel = ipIntel;
    this.allowlist = Map.copyOf(allowlist);
    this.modelFirstSeen = Map.copyOf(modelFirstSeen);
    this.largestOutputLimit =
        this.models.values().stream().filter(m -> m.maxOutputTokens != null).mapToInt(m -> m.maxOutputTokens).max().orElse(0);
  }

  /** The largest {@code max_output_tokens} of any model in the models table, 0 when none is known. */
  public int largestOutputLimit() {
    return largestOutputLimit;
  }

  /**
   * This context plus the run-wide first appearance of each model in the traffic (epoch ms), used as
   * the release time of models the models file does not date (DESIGN §2). A batch run computes it in
   * a pre-pass; a streaming job may pass what it has seen so far. Without it and without a models
   * file, {@code timing.release_pivot} is skipped.
   */
  public DetectionContext withModelFirstSeen(Map<String, Long> firstSeen) {
    DetectionContext c = new DetectionContext(config, accounts, models, ipIntel, allowlist, firstSeen);
    c.crossref = crossref;
    return c;
  }

  public static DetectionContext defaults() {
    return new DetectionContext(DetectionConfig.defaults(), Map.of(), Map.of(), null);
  }

  public DetectionConfig config() {
    return config;
  }

  /** The account's record from the accounts file (or a cluster's profile, see {@link #withProfiles}), or null. */
  public AccountInfo account(String id) {
    AccountInfo a = accounts.get(id);
    return a != null || profiles == null ? a : profiles.get(id);
  }

  /**
   * This context, also answering {@link #account} for ids in {@code profiles} — a live map the caller
   * fills, e.g. cluster profiles ({@code cluster.ClusterProfile}) so clusters are judged on their members'
   * creation pattern too.
   */
  public DetectionContext withProfiles(Map<String, AccountInfo> profiles) {
    DetectionContext c = new DetectionContext(config, accounts, models, ipIntel, allowlist, modelFirstSeen);
    c.profiles = profiles;
    c.crossref = crossref;
    return c;
  }

  /** This context, also matching accounts against indicators other providers shared ({@code crossref.match}). */
  public DetectionContext withCrossref(CrossrefLookup lookup) {
    DetectionContext c = new DetectionContext(config, accounts, models, ipIntel, allowlist, modelFirstSeen);
    c.profiles = profiles;
    c.crossref = lookup;
    return c;
  }

  /** The cross-provider lookup, or null when no indicators were given. */
  public CrossrefLookup crossref() {
    return crossref;
  }

  public boolean hasAccounts() {
    return !accounts.isEmpty();
  }

  /** The model's record from the models file, or null. */
  public ModelInfo model(String id) {
    return id == null ? null : models.get(id);
  }

  public boolean hasModels() {
    return !models.isEmpty();
  }

  /**
   * Release time of a model, epoch ms: the models file's {@code released_at}, else its first
   * appearance in the traffic ({@link #withModelFirstSeen}), else null.
   */
  public Long releaseTime(String model) {
    if (model == null) {
      return null;
    }
    ModelInfo m = models.get(model);
    if (m != null && m.releasedAt != null) {
      return m.releasedAt;
    }
    return modelFirstSeen.get(model);
  }

  /** True when some release time is known (models file or first-seen map). */
  public boolean hasReleaseTimes() {
    return !modelFirstSeen.isEmpty() || models.values().stream().anyMatch(m -> m.releasedAt != null);
  }

  /** The allowlist reason for an account, or null when it is not allowlisted. */
  public String allowlistReason(String account) {
    return account == null ? null : allowlist.get(account);
  }

  public boolean hasAllowlist() {
    return !allowlist.isEmpty();
  }

  /** IP intelligence, or null when none was given. */
  public IpIntel ipIntel() {
    return ipIntel;
  }
}
