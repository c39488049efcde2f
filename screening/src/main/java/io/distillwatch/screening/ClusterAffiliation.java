package io.distillwatch.screening;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Affiliation through clusters: accounts linked into one cluster (shared payment instruments,
 * infrastructure, templates) are likely one operator, so when one member is a list {@code match},
 * every other member gets {@code review} with {@code via: {"cluster", "account"}} naming the
 * cluster and the listed member. A member's own match or review is kept (it is direct evidence).
 * Evidence for a reviewer, never a legal finding.
 */
public final class ClusterAffiliation {
  private ClusterAffiliation() {}

  /**
   * The results with affiliation applied.
   *
   * @param results screening results by account
   * @param clusters each cluster's id and member accounts
   * @return a new map; results of accounts that did not change are the same objects
   */
  public static Map<String, ScreeningResult> apply(Map<String, ScreeningResult> results,
      Map<String, ? extends Collection<String>> clusters) {
    Map<String, ScreeningResult> out = new HashMap<>(results);
    for (Map.Entry<String, ? extends Collection<String>> c : clusters.entrySet()) {
      ScreeningResult listed = listedMember(results, c.getValue());
      if (listed == null) {
        continue;
      }
      for (String member : c.getValue()) {
        if (member.equals(listed.account())) {
          continue;
        }
        ScreeningResult own = results.get(member);
        if (own != null && own.outcome() != Outcome.NO_MATCH) {
          continue;
        }
        out.put(member, affiliated(member, c.getKey(), listed));
      }
    }
    return out;
  }

  /** The member with the strongest match (highest score, then smallest account id), or null. */
  static ScreeningResult listedMember(Map<String, ScreeningResult> results,
      Collection<String> members) {
    ScreeningResult best = null;
    for (String m : members) {
      ScreeningResult r = results.get(m);
      if (r == null || r.outcome() != Outcome.MATCH) {
        continue;
      }
      if (best == null || r.score() > best.score()
          || r.score() == best.score() && r.account().compareTo(best.account()) < 0) {
        best = r;
      }
    }
    return best;
  }

  /** The review a member of {@code cluster} gets from its listed member. */
  public static ScreeningResult affiliated(String account, String cluster, ScreeningResult listed) {
    String entry = listed.entry() == null ? "a list entry"
        : String.format(Locale.ROOT, "'%s' (%s entry %s)", listed.entry().name(),
            listed.entry().list(), listed.entry().id());
    String reason = String.format(Locale.ROOT,
        "linked in cluster %s with account %s, which matches %s; accounts of one cluster are "
            + "likely one operator, so review (evidence, not a legal finding)",
        cluster, listed.account(), entry);
    return new ScreeningResult(account, Outcome.REVIEW, listed.score(), listed.matchedName(),
        listed.entry(), null, reason, listed.receipt(),
        new ScreeningResult.ClusterVia(cluster, listed.account()));
  }
}
