package io.distillwatch.screening;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.screening.lists.Countries;
import io.distillwatch.screening.lists.Domains;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.lists.ListFormatException;
import io.distillwatch.screening.lists.ListLoader;
import io.distillwatch.screening.lists.Receipt;
import io.distillwatch.screening.lists.ScreeningList;
import io.distillwatch.screening.match.NameIndex;
import io.distillwatch.screening.match.NameMatch;
import io.distillwatch.screening.text.NameNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Screens accounts against loaded lists. Load once ({@link #load}), then call {@link
 * #screen(AccountInfo)} or {@link #screenAll(Collection)} from any number of threads.
 *
 * <p>Per account: the organisation name against every list name and alias, the email domain and
 * website against listed websites and email domains, then each owner up the {@code parent_org}
 * chain (at most {@value #MAX_CHAIN} levels) the same way, and the ownership policy's jurisdiction
 * rules. The strongest finding wins (match over review over no_match, then the higher score).
 */
public final class Screener {
  /** Owners followed up a chain at most. */
  public static final int MAX_CHAIN = 10;

  private final List<ScreeningList> lists;
  private final List<Receipt> receiptOfEntry;
  private final NameIndex index;
  private final ScreeningOptions options;
  private final Receipt allLists;
  private final SameParty sameParty;

  private Screener(List<ScreeningList> lists, ScreeningOptions options) {
    this.lists = List.copyOf(lists);
    this.options = options;
    List<ListEntry> entries = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (ScreeningList l : lists) {
      for (ListEntry e : l.entries()) {
        entries.add(e);
        receipts.add(l.receipt());
      }
    }
    this.receiptOfEntry = List.copyOf(receipts);
    this.index = new NameIndex(entries, new NameNormalizer(), options.tokenSimilarityMin,
        options.compactSimilarityMin, options.reviewThreshold, options.maxCandidates,
        options.maxPostings);
    this.sameParty = SameParty.of(entries, index);
    this.allLists = new Receipt(
        join(lists.stream().map(l -> l.receipt().file()).toList()),
        join(lists.stream().map(l -> l.receipt().sha256()).toList()),
        join(lists.stream().map(l -> String.valueOf(l.receipt().listDate())).toList()));
  }

  /** Loads every list file in a directory (or one file) and builds the index. */
  public static Screener load(Path listsDirOrFile, ScreeningOptions options)
      throws ListFormatException {
    return new Screener(ListLoader.loadAll(listsDirOrFile, options.listDate), options);
  }

  /** A screener over lists already loaded. */
  public static Screener of(List<ScreeningList> lists, ScreeningOptions options) {
    return new Screener(lists, options);
  }

  public List<ScreeningList> lists() {
    return lists;
  }

  public NameIndex index() {
    return index;
  }

  public ScreeningOptions options() {
    return options;
  }

  /** Screens one account; its owner chain is its {@code parent_org} alone. */
  public ScreeningResult screen(AccountInfo account) {
    return screen(account, Ownership.of(List.of()));
  }

  /** Screens one account, following owners through the organisations of {@code ownership}. */
  public ScreeningResult screen(AccountInfo account, Ownership ownership) {
    Finding best = null;
    Finding nearMiss = null;
    // the account itself
    for (Finding f : direct(account, null)) {
      best = stronger(best, f);
      nearMiss = nearer(nearMiss, f);
    }
    OwnershipPolicy policy = options.policy;
    String ownCountry = Countries.toCode(account.country);
    if (ownCountry != null && policy.restricted.contains(ownCountry)
        && policy.restrictedDomicileOutcome != Outcome.NO_MATCH) {
      best = stronger(best, new Finding(policy.restrictedDomicileOutcome, 1.0, null, -1, null,
          "the account's country " + ownCountry + " is a restricted jurisdiction under the policy",
          policy.receipt));
    }
    // owners up the chain
    List<String> via = new ArrayList<>();
    via.add(label(account));
    List<String> shares = new ArrayList<>();
    boolean majority = true;
    Set<String> visited = new LinkedHashSet<>();
    visited.add(key(account.orgName));
    AccountInfo cur = account;
    for (int depth = 0; depth < MAX_CHAIN && cur.parentOrg != null && !cur.parentOrg.isBlank();
        depth++) {
      String parentName = cur.parentOrg.trim();
      if (!visited.add(key(parentName))) {
        break; // ownership cycle
      }
      majority &= policy.isMajority(cur.ownershipPct);
      shares.add(String.format(Locale.ROOT, "'%s' owns %s of '%s'", parentName,
          cur.ownershipPct == null ? "an unknown share" : pct(cur.ownershipPct) + "%", label(cur)));
      via.add(parentName);
      AccountInfo parent = ownership.find(parentName);
      if (parent == null) {
        parent = new AccountInfo(null);
        parent.orgName = parentName;
      }
      Outcome cap = majority ? policy.listedParentMajorityOutcome : policy.listedParentMinorityOutcome;
      String chain = String.join(", ", shares);
      for (Finding f : direct(parent, chain)) {
        Finding viaF = f.through(List.copyOf(via), cap, chain);
        best = stronger(best, viaF);
      }
      String parentCountry = Countries.toCode(parent.country);
      if (majority && parentCountry != null && policy.restricted.contains(parentCountry)
          && policy.restrictedOwnerOutcome != Outcome.NO_MATCH) {
        best = stronger(best, new Finding(policy.restrictedOwnerOutcome, 1.0, parentName, -1,
            List.copyOf(via),
            "majority-owned (" + chain + ") by a company in " + parentCountry
                + ", a restricted jurisdiction under the policy",
            policy.receipt));
      }
      cur = parent;
    }
    if (best != null && best.outcome != Outcome.NO_MATCH) {
      return best.toResult(account.account, index, receiptOfEntry, sameParty);
    }
    String reason;
    double score = 0;
    if (nearMiss != null && nearMiss.score > 0) {
      score = nearMiss.score;
      reason = String.format(Locale.ROOT,
          "no list name reaches the review threshold %.2f; nearest: %s", options.reviewThreshold,
          nearMiss.reason);
    } else if (account.orgName == null || account.orgName.isBlank()) {
      reason = "no organisation name to compare; no domain matched a listed one";
    } else {
      reason = "no list name comes close to '" + account.orgName.trim() + "'";
    }
    if (via.size() > 1) {
      reason += "; owners screened without a finding: "
          + String.join(" <- ", via.subList(1, via.size()));
    }
    return new ScreeningResult(account.account, Outcome.NO_MATCH, round(score), null, null, null,
        reason, allLists);
  }

  /** Screens many accounts (in parallel), owners resolved among them; sorted per DESIGN §6. */
  public List<ScreeningResult> screenAll(Collection<AccountInfo> accounts) {
    Ownership ownership = Ownership.of(accounts);
    List<ScreeningResult> out = new ArrayList<>(accounts.parallelStream()
        .map(a -> screen(a, ownership)).toList());
    out.sort(ScreeningResult.ORDER);
    return out;
  }

  /** Findings for one organisation's own name and domains. */
  private List<Finding> direct(AccountInfo a, String chain) {
    List<Finding> out = new ArrayList<>(2);
    String who = chain == null ? "org_name" : "owner";
    if (a.orgName != null && !a.orgName.isBlank()) {
      String accountCountry = Countries.toCode(a.country);
      NameMatch bestMatch = null;
      double bestScore = -1;
      String bestCountryNote = "";
      for (NameMatch m : index.search(a.orgName, 5)) {
        ListEntry e = index.entry(m.name().entry());
        double adj = 0;
        String note = "";
        if (accountCountry != null && !e.countries().isEmpty()) {
          if (e.countries().contains(accountCountry)) {
            adj = options.countryBonus;
            note = String.format(Locale.ROOT, "; country %s agrees with the entry (+%.2f)",
                accountCountry, adj);
          } else {
            adj = -options.countryPenalty;
            note = String.format(Locale.ROOT, "; country %s is not among the entry's %s (%.2f)",
                accountCountry, String.join(",", e.countries()), adj);
          }
        }
        double s = Math.max(0, Math.min(1, m.score() + adj));
        if (s > bestScore) {
          bestScore = s;
          bestMatch = m;
          bestCountryNote = note;
        }
      }
      if (bestMatch != null) {
        ListEntry e = index.entry(bestMatch.name().entry());
        Outcome o = classify(bestScore);
        String capNote = "";
        if (bestMatch.name().weak() && o == Outcome.MATCH) {
          o = Outcome.REVIEW;
          capNote = "; the list marks this alias as low quality, so review at most";
        } else if (o == Outcome.MATCH
            && Math.min(bestMatch.name().normalized().compact().length(),
                    index.normalize(a.orgName).compact().length())
                <= options.shortNameChars) {
          o = Outcome.REVIEW;
          capNote = "; names this short are ambiguous, so review at most";
        }
        String reason = String.format(Locale.ROOT, "%s '%s' resembles %s '%s' of %s entry %s: %s%s; score %.2f%s",
            who, a.orgName.trim(), bestMatch.name().primary() ? "the name" : "the alias",
            bestMatch.name().name(), e.list(), e.id(), bestMatch.how(), bestCountryNote, bestScore,
            thresholdNote(bestScore)) + capNote;
        out.add(new Finding(o, bestScore, a.orgName.trim(), bestMatch.name().entry(), null, reason,
            null));
      }
    }
    Set<String> domains = new LinkedHashSet<>();
    String emailDomain = a.effectiveEmailDomain();
    for (String d : new String[] {emailDomain, a.website}) {
      String host = Domains.host(d);
      if (host != null) {
        String reg = Domains.registrable(host);
        if (!Domains.isShared(reg)) {
          domains.add(reg);
        }
      }
    }
    for (String d : domains) {
      int[] hits = index.entriesWithDomain(d);
      if (hits.length > 0) {
        int chosen = bestNamedEntry(d, hits);
        ListEntry e = index.entry(chosen);
        out.add(new Finding(Outcome.MATCH, 1.0, d, chosen, null,
            (chain == null ? "" : "owner's ") + "domain " + d + " is a website or email domain of "
                + e.list() + " entry " + e.id() + " ('" + e.name() + "')",
            null));
      } else {
        Finding label = domainLabel(d, chain);
        if (label != null) {
          out.add(label);
        }
      }
    }
    return out;
  }

  /**
   * Of several entries listing the same domain (a group's subsidiaries under gazprom.ru), the one
   * whose name best resembles the domain's name; else the first.
   */
  private int bestNamedEntry(String registrable, int[] hits) {
    if (hits.length == 1) {
      return hits[0];
    }
    String label = registrable.substring(0, registrable.indexOf('.')).replace('-', ' ');
    java.util.Set<Integer> candidates = new java.util.HashSet<>();
    for (int h : hits) {
      candidates.add(h);
    }
    for (NameMatch m : index.search(label, 20)) {
      if (candidates.contains(m.name().entry())) {
        return m.name().entry();
      }
    }
    return hits[0];
  }

  /** Shortest domain label compared with list names ("rosneft" of rosneft.ru). */
  static final int MIN_LABEL_CHARS = 5;

  /**
   * The domain's first label read as a name ("rosneft.ru" → "rosneft", "great-lakes.cd" → "great
   * lakes") against the list names: a domain says less about identity than a name, so only a score
   * from the match threshold up counts, and it leads to review.
   */
  private Finding domainLabel(String registrable, String chain) {
    String label = registrable.substring(0, registrable.indexOf('.')).replace('-', ' ');
    if (label.replace(" ", "").length() < MIN_LABEL_CHARS) {
      return null;
    }
    List<NameMatch> found = index.search(label, 1);
    if (found.isEmpty()) {
      return null;
    }
    NameMatch m = found.get(0);
    // weaker evidence than a name: only a name-level match counts, and then as review
    if (m.score() < options.matchThreshold) {
      return null;
    }
    Outcome o = Outcome.REVIEW;
    ListEntry e = index.entry(m.name().entry());
    String reason = String.format(Locale.ROOT,
        "%sdomain %s: its name '%s' resembles %s '%s' of %s entry %s: %s; score %.2f%s; "
            + "a domain name alone leads to review at most",
        chain == null ? "" : "owner's ", registrable, label,
        m.name().primary() ? "the name" : "the alias", m.name().name(), e.list(), e.id(), m.how(),
        m.score(), thresholdNote(m.score()));
    return new Finding(o, m.score(), registrable, m.name().entry(), null, reason, null);
  }

  private String thresholdNote(double s) {
    if (s >= options.matchThreshold) {
      return String.format(Locale.ROOT, " ≥ match threshold %.2f", options.matchThreshold);
    }
    if (s >= options.reviewThreshold) {
      return String.format(Locale.ROOT, " ≥ review threshold %.2f", options.reviewThreshold);
    }
    return String.format(Locale.ROOT, " < review threshold %.2f", options.reviewThreshold);
  }

  private Outcome classify(double score) {
    if (score >= options.matchThreshold) {
      return Outcome.MATCH;
    }
    return score >= options.reviewThreshold ? Outcome.REVIEW : Outcome.NO_MATCH;
  }

  private static Finding stronger(Finding a, Finding b) {
    if (a == null) {
      return b;
    }
    if (b.outcome != a.outcome) {
      return b.outcome.strongerThan(a.outcome) ? b : a;
    }
    return b.score > a.score ? b : a;
  }

  private static Finding nearer(Finding a, Finding b) {
    return a == null || b.score > a.score ? b : a;
  }

  private static String label(AccountInfo a) {
    if (a.orgName != null && !a.orgName.isBlank()) {
      return a.orgName.trim();
    }
    return a.account == null ? "?" : a.account;
  }

  static String key(String orgName) {
    return orgName == null ? "" : orgName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  private static String pct(double p) {
    return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
  }

  static double round(double s) {
    return Math.round(s * 10000.0) / 10000.0;
  }

  private static String join(List<String> parts) {
    return String.join("; ", parts);
  }

  /** One reason an account could be on a list. */
  private static final class Finding {
    final Outcome outcome;
    final double score;
    final String matchedName;
    final int entry;
    final List<String> via;
    final String reason;
    final Receipt receipt;

    Finding(Outcome outcome, double score, String matchedName, int entry, List<String> via,
        String reason, Receipt receipt) {
      this.outcome = outcome;
      this.score = score;
      this.matchedName = matchedName;
      this.entry = entry;
      this.via = via;
      this.reason = reason;
      this.receipt = receipt;
    }

    Finding through(List<String> chainNames, Outcome cap, String chain) {
      Outcome o = outcome.atMost(cap);
      String note = o == outcome ? "" : "; " + o.code() + " at most because the ownership chain is not a majority throughout";
      return new Finding(o, score, matchedName, entry, chainNames,
          reason + "; ownership: " + chain + note, receipt);
    }

    ScreeningResult toResult(String account, NameIndex index, List<Receipt> receipts,
        SameParty sameParty) {
      ScreeningResult.Entry e = null;
      Receipt r = receipt;
      if (entry >= 0) {
        ListEntry le = index.entry(entry);
        List<String> lists = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        java.util.Map<String, Receipt> files = new java.util.LinkedHashMap<>();
        for (int other : sameParty.entriesOf(entry)) {
          ListEntry o = index.entry(other);
          lists.add(o.list());
          ids.add(o.id());
          files.putIfAbsent(receipts.get(other).file(), receipts.get(other));
        }
        e = new ScreeningResult.Entry(join(lists), join(ids), le.name(), le.country());
        List<Receipt> rs = new ArrayList<>(files.values());
        r = rs.size() == 1 ? rs.get(0) : new Receipt(
            join(rs.stream().map(Receipt::file).toList()),
            join(rs.stream().map(Receipt::sha256).toList()),
            join(rs.stream().map(x -> String.valueOf(x.listDate())).toList()));
      }
      return new ScreeningResult(account, outcome, round(score), matchedName, e, via, reason, r,
          null);
    }
  }
}
