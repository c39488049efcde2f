package io.distillwatch.screening;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.distillwatch.screening.lists.Receipt;
import java.util.List;

/**
 * One account's screening result, serialised by Jackson to exactly the DESIGN §6 object (also the
 * {@code screening} field of {@code accounts.jsonl}). Evidence for a person to check, never a legal
 * clearance; it does not change the distillation score.
 *
 * @param account the account id
 * @param outcome match, review or no_match
 * @param score 0–1, rounded to 4 decimals; for no_match, the best score found below review
 * @param matchedName the account's (or owner's) name that matched; null for no_match
 * @param entry the list entry, or null
 * @param via the ownership chain from the account's organisation to the matching owner, or null
 *     when the account matched directly
 * @param reason one sentence a reviewer can check
 * @param receipt the list file (or, for no_match, every list file, joined by "; " field by field;
 *     for a jurisdiction rule, the policy file) the decision rests on
 * @param clusterVia for a result inherited from a listed account of the same cluster: that cluster
 *     and account (shown as {@code via}); null otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "account", "outcome", "score", "matched_name", "entry", "via", "reason", "receipt"
})
public record ScreeningResult(
    String account,
    Outcome outcome,
    double score,
    @JsonProperty("matched_name") String matchedName,
    Entry entry,
    @com.fasterxml.jackson.annotation.JsonIgnore List<String> via,
    String reason,
    Receipt receipt,
    @com.fasterxml.jackson.annotation.JsonIgnore ClusterVia clusterVia) {

  public ScreeningResult(String account, Outcome outcome, double score, String matchedName,
      Entry entry, List<String> via, String reason, Receipt receipt) {
    this(account, outcome, score, matchedName, entry, via, reason, receipt, null);
  }

  /**
   * DESIGN §6 {@code via}: the ownership chain (names, from the account to the listed owner), or
   * {@code {"cluster", "account"}} when the result comes from a listed member of the account's
   * cluster, or null.
   */
  @JsonProperty("via")
  public Object viaJson() {
    return clusterVia != null ? clusterVia : via;
  }

  /** The cluster and its listed member an affiliation result comes from. */
  @JsonPropertyOrder({"cluster", "account"})
  public record ClusterVia(String cluster, String account) {}

  /**
   * The list entry as shown in a result. A party listed several times (in the SDN files, the CSL
   * and OpenSanctions) is shown once: {@code list} and {@code id} then join every source's with
   * "; " in the same order (as the receipt joins their files), {@code name} and {@code country}
   * are the matched entry's.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"list", "id", "name", "country"})
  public record Entry(String list, String id, String name, String country) {}

  /** Score descending, then account id. */
  public static final java.util.Comparator<ScreeningResult> ORDER =
      java.util.Comparator.comparingDouble(ScreeningResult::score).reversed()
          .thenComparing(ScreeningResult::account,
              java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
}
