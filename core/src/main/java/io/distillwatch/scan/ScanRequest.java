package io.distillwatch.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scan reads and how. Serializable: the Flink job ships it to its operators, which load the
 * side files themselves ({@link ScanContextLoader}) rather than carrying them in the job graph.
 */
public final class ScanRequest implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Event inputs as given: files, directories, or "-" for stdin. */
  public List<String> events = new ArrayList<>();
  /** auto, canonical, openai, anthropic, otel or mapped. */
  public String format = "auto";
  public List<String> mapSpecs = new ArrayList<>();
  public String accounts;
  public String models;
  /** The user's IP intelligence folder; null means the shipped data unless {@link #noIpintel}. */
  public String ipintel;
  /** {@code --no-ipintel}: no IP intelligence at all (the signals that need it are skipped). */
  public boolean noIpintel;
  public String allowlist;
  public String config;
  public String lists;
  public String out;
  public int parallelism = 2;
  public boolean redact;
  /** Link accounts into clusters and score clusters on their combined traffic. */
  public boolean linking = true;
  /** Signal families or ids switched off (ablation), e.g. "infra". */
  public List<String> disabledSignals = new ArrayList<>();

  /**
   * Directory of indicators pulled from the hub ({@code scan --indicators DIR}; the node's crossref
   * folder): accounts are matched against them ({@code crossref.match}). Needs {@link #blindingKey}.
   */
  public String indicators;
  /** The member blinding keyset (Tink JSON) that blinds local identifiers the way indicators were. */
  public String blindingKey;

  /** A key identifying the side data, so operators in one JVM load it once. */
  public String contextKey() {
    return String.join("|", String.valueOf(accounts), String.valueOf(models), String.valueOf(ipintel), String.valueOf(noIpintel),
        String.valueOf(allowlist), String.valueOf(config), String.valueOf(disabledSignals),
        String.valueOf(indicators), String.valueOf(blindingKey));
  }
}
