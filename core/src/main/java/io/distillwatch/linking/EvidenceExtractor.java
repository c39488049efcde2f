package io.distillwatch.linking;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.Activity;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.template.TemplateSketcher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an account's bounded state and its accounts-file record into evidence keys ({@code
 * kind|value}) that the {@link Linker} indexes. Only values that can link accounts are kept; each
 * state set is already capped (see {@link AccountState}).
 *
 * <p>Templates and co-activity are compared by locality-sensitive hashing: a template skeleton's
 * MinHash sketch (64 bins) is cut into {@value #TEMPLATE_BANDS} bands of {@value #TEMPLATE_ROWS} bins
 * and each band is a key, so two skeletons share a key with probability 1-(1-J^8)^8 for Jaccard
 * similarity J (0.77 at J=0.8, 0.03 at J=0.5). Co-activity does the same over the set of UTC hours in
 * which the account was active.
 */
public final class EvidenceExtractor {
  static final int TEMPLATE_BANDS = 8;
  static final int TEMPLATE_ROWS = 8;
  /** A template is the account's own pattern when it covers this share (0.5) of its prompts... */
  static final double TEMPLATE_MIN_SHARE = 0.5;
  /** ...and at least this many prompts (5). */
  static final long TEMPLATE_MIN_COUNT = 5;
  /** Co-activity needs this many active hours (6) to say anything. */
  static final int COACTIVITY_MIN_HOURS = 6;
  /** Accounts created in the same window of this many hours (6) with the same domain and path form a burst. */
  static final long CREATION_WINDOW_HOURS = 6;

  /**
   * Prompt overlap counts only for accounts whose prompt sample halved at most this often (4: up to
   * about 768 distinct substantive prompts).
   */
  static final int PROMPT_OVERLAP_MAX_LEVEL = 4;

  private static final long HOUR = 3_600_000L;
  private final TemplateSketcher sketcher = TemplateSketcher.unkeyed();

  /** Evidence of one account; {@code info} may be null. */
  public AccountEvidence extract(AccountState state, AccountInfo info) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String p : state.paymentFingerprints()) {
      put(keys, LinkKind.PAYMENT_FP, p);
    }
    if (info != null && info.paymentFp != null && !info.paymentFp.isBlank()) {
      put(keys, LinkKind.PAYMENT_FP, info.paymentFp.trim());
    }
    for (String ip : state.ips()) {
      put(keys, LinkKind.IP, ip);
    }
    for (String prefix : state.ipPrefixes()) {
      put(keys, LinkKind.IP_PREFIX, prefix);
    }
    for (String pool : ExitPools.values(state.ipPrefixes(), state.ipPrefixesFull())) {
      put(keys, LinkKind.EXIT_POOL, pool);
    }
    for (String asn : state.asns()) {
      put(keys, LinkKind.ASN, asn);
    }
    for (String tls : state.tlsFingerprints()) {
      put(keys, LinkKind.TLS_FP, tls);
    }
    for (String system : state.systemPromptHashes()) {
      put(keys, LinkKind.SYSTEM_PROMPT, system);
    }
    templateKeys(state, keys);
    // An account with hundreds of distinct prompts or more (app backends, resellers, evaluation runs)
    // covers so much of any public pool that it shares prompts with anyone by chance: its prompts are
    // not evidence; it is judged by its own traffic.
    for (int fp : state.promptSampleLevel() <= PROMPT_OVERLAP_MAX_LEVEL ? state.promptSample() : new int[0]) {
      String hex = String.format(java.util.Locale.ROOT, "%08x", fp);
      keys.put(LinkKind.PROMPT_OVERLAP.key(hex), "prompt " + hex + " (sent verbatim by these accounts)");
    }
    coactivityKeys(state.activity(), keys);
    if (info != null && info.createdAt != null) {
      String domain = info.effectiveEmailDomain();
      String path = info.signupPath == null ? "-" : info.signupPath;
      long window = info.createdAt / (CREATION_WINDOW_HOURS * HOUR);
      put(keys, LinkKind.CREATION_BURST, Instant.ofEpochMilli(window * CREATION_WINDOW_HOURS * HOUR)
          + "/" + CREATION_WINDOW_HOURS + "h " + (domain == null ? "-" : domain) + " " + path);
    }
    return new AccountEvidence(state.account(), keys);
  }

  private static void put(Map<String, String> keys, LinkKind kind, String value) {
    keys.put(kind.key(value), value);
  }

  private void templateKeys(AccountState state, Map<String, String> keys) {
    long prompts = Math.max(1, state.events());
    for (AccountState.TemplateCount t : state.topTemplates()) {
      if (!"head".equals(t.kind()) || t.skeleton() == null || t.skeleton().isBlank()) {
        continue;
      }
      if (t.count() < TEMPLATE_MIN_COUNT || (double) t.count() / prompts < TEMPLATE_MIN_SHARE) {
        continue;
      }
      bandKeys(LinkKind.TEMPLATE, sketcher.sketch(t.skeleton()).values(), t.skeleton(), keys);
    }
  }

  private static void coactivityKeys(Activity activity, Map<String, String> keys) {
    if (activity.bucketMillis() != HOUR) {
      return; // coarser charts (long runs) no longer show hours
    }
    int[] counts = activity.counts();
    long firstHour = activity.startMillis() / HOUR;
    long[] hours = new long[counts.length];
    int active = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        hours[active++] = firstHour + i;
      }
    }
    if (active >= COACTIVITY_MIN_HOURS) {
      String example = active + " active hours from " + Instant.ofEpochMilli(hours[0] * HOUR);
      bandKeys(LinkKind.COACTIVITY, SetSketch.of(hours, active, TEMPLATE_BANDS * TEMPLATE_ROWS), example, keys);
    }
  }

  private static void bandKeys(LinkKind kind, int[] values, String example, Map<String, String> keys) {
    if (values.length < TEMPLATE_BANDS * TEMPLATE_ROWS) {
      return;
    }
    for (int band = 0; band < TEMPLATE_BANDS; band++) {
      long h = 0x9E3779B97F4A7C15L * (band + 1);
      for (int r = 0; r < TEMPLATE_ROWS; r++) {
        h = (h ^ values[band * TEMPLATE_ROWS + r]) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
      }
      keys.put(kind.key(band + ":" + Long.toHexString(h)), example);
    }
  }
}
