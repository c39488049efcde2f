package io.distillwatch.flink.stream;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.Assessment;
import io.distillwatch.detect.Detector;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.state.AccountStateSerializer;
import io.distillwatch.scan.ScanContextLoader;
import io.distillwatch.scan.ScanRequest;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.linking.AccountEvidence;
import io.distillwatch.linking.EvidenceExtractor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The production rules: the core {@link Detector} with the side files (accounts, models, IP
 * intelligence, allowlist, config) named in a {@link ScanRequest}, loaded by each operator exactly as
 * {@code scan} loads them.
 */
public final class DetectorRules implements AccountRules<AccountState> {
  private static final long serialVersionUID = 1L;
  private final ScanRequest sideFiles;
  private transient Detector detector;
  private transient DetectionContext context;
  private transient Map<String, AccountInfo> profiles;
  private transient EvidenceExtractor extractor;

  public DetectorRules(ScanRequest sideFiles) {
    this.sideFiles = sideFiles;
  }

  @Override
  public void open() {
    profiles = new HashMap<>();
    context = ScanContextLoader.load(sideFiles).context().withProfiles(profiles);
    detector = new Detector(context);
    extractor = new EvidenceExtractor();
  }

  @Override
  public io.distillwatch.detect.DetectionConfig config() {
    return context.config();
  }

  @Override
  public AccountState newState(String account) {
    return detector.newState(account);
  }

  @Override
  public void update(AccountState state, UsageEvent event) {
    detector.update(state, event);
  }

  @Override
  public Assessment assess(AccountState state) {
    return detector.assess(state);
  }

  @Override
  public List<Signal> explain(AccountState state) {
    return detector.explain(state);
  }

  @Override
  public TypeSerializer<AccountState> stateSerializer() {
    return AccountStateSerializer.INSTANCE;
  }

  @Override
  public long events(AccountState state) {
    return state.events();
  }

  @Override
  public AccountEvidence evidence(AccountState state) {
    return extractor.extract(state, context.account(state.account()));
  }

  @Override
  public AccountInfo accountInfo(String account) {
    return context.account(account);
  }

  @Override
  public void profile(String id, AccountInfo profile) {
    if (profile == null) {
      profiles.remove(id);
    } else {
      profiles.put(id, profile);
    }
  }

  @Override
  public String allowlistReason(String account) {
    return context.allowlistReason(account);
  }
}
