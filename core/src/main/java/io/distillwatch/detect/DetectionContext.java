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

  public DetectionContext(
      DetectionConfig config,
      Map<String, AccountInfo> accounts,
      Map<String, ModelInfo> models,
      IpIntel ipIntel) {
    this.config = config;
    this.accounts = Map.copyOf(accounts);
    this.models = Map.copyOf(models);
    this.ipIntel = ipIntel;
  }

  public static DetectionContext defaults() {
    return new DetectionContext(DetectionConfig.defaults(), Map.of(), Map.of(), null);
  }

  public DetectionConfig config() {
    return config;
  }

  /** The account's record from the accounts file, or null. */
  public AccountInfo account(String id) {
    return accounts.get(id);
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

  /** IP intelligence, or null when none was given. */
  public IpIntel ipIntel() {
    return ipIntel;
  }
}
