package io.distillwatch.scan;

import io.distillwatch.detect.DetectionConfig;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.Rejection;
import io.distillwatch.ingest.AccountsFile;
import io.distillwatch.ingest.AllowlistFile;
import io.distillwatch.ingest.LoadedFile;
import io.distillwatch.ingest.ModelsFile;
import io.distillwatch.ipintel.IpIntel;
import io.distillwatch.ipintel.IpIntelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a scan's side data (accounts, models, IP intelligence, allowlist, config) once per JVM:
 * the embedded cluster's operators share one copy instead of one per subtask.
 */
public final class ScanContextLoader {
  private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();

  private ScanContextLoader() {}

  /** The side data and the rejected lines of the side files. */
  public record Loaded(DetectionContext context, List<Rejection> rejections) {}

  public static Loaded load(ScanRequest request) {
    return CACHE.computeIfAbsent(request.contextKey(), k -> loadUncached(request));
  }

  /** Drops cached side data (tests, long-lived processes that reload). */
  public static void clear() {
    CACHE.clear();
  }

  private static Loaded loadUncached(ScanRequest r) {
    List<Rejection> rejections = new ArrayList<>();
    Map<String, AccountInfo> accounts = Map.of();
    if (r.accounts != null) {
      LoadedFile<AccountInfo> f = AccountsFile.load(Path.of(r.accounts));
      accounts = f.entries();
      rejections.addAll(f.rejections());
    }
    Map<String, ModelInfo> models;
    if (r.models == null) {
      models = ModelsFile.loadShipped().entries();
    } else {
      LoadedFile<ModelInfo> f = ModelsFile.load(Path.of(r.models));
      models = f.entries();
      rejections.addAll(f.rejections());
    }
    IpIntel ipIntel = r.noIpintel ? null : r.ipintel == null ? IpIntelLoader.loadShipped() : loadIpIntel(Path.of(r.ipintel));
    Map<String, String> allowlist = Map.of();
    if (r.allowlist != null) {
      LoadedFile<String> f = AllowlistFile.loadLenient(Path.of(r.allowlist));
      allowlist = f.entries();
      rejections.addAll(f.rejections());
    }
    DetectionConfig config = r.config == null ? DetectionConfig.defaults() : loadConfig(Path.of(r.config));
    config = config.withDisabled(r.disabledSignals);
    DetectionContext context = new DetectionContext(config, accounts, models, ipIntel, allowlist);
    if (r.indicators != null) {
      context = context.withCrossref(crossref(r));
    }
    return new Loaded(context, rejections);
  }

  /** The lookup from the sharing module (found with {@link java.util.ServiceLoader}: core holds no keys). */
  private static io.distillwatch.detect.CrossrefLookup crossref(ScanRequest r) {
    if (r.blindingKey == null) {
      throw new IllegalArgumentException("indicators need the member blinding key (--blinding-key)");
    }
    var factory = java.util.ServiceLoader.load(io.distillwatch.detect.CrossrefLookup.Factory.class).findFirst()
        .orElseThrow(() -> new IllegalStateException("no cross-referencing implementation on the class path"));
    return factory.open(Path.of(r.indicators), Path.of(r.blindingKey));
  }

  private static DetectionConfig loadConfig(Path file) {
    try {
      return DetectionConfig.load(file);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
    }
  }

  private static IpIntel loadIpIntel(Path dir) {
    return IpIntelLoader.load(dir);
  }
}
