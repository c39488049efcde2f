package io.distillwatch.screening.eval;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.lists.ScreeningList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Accounts for the screening benchmark, from a seeded generator: 60 % generated company names,
 * 20 % without an organisation name (email domain only), 10 % perturbed list names, 10 % owned by
 * another generated organisation (a chain of two).
 */
public final class SyntheticAccounts {
  private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "CN", "RU", "IN", "SG", "BR", "JP"};

  private SyntheticAccounts() {}

  public static List<AccountInfo> generate(List<ScreeningList> lists, int count, long seed) {
    Random r = new Random(seed);
    List<String> companies = NegativeNames.generated(seed, 20000);
    List<String> listed = new ArrayList<>();
    for (ScreeningList l : lists) {
      for (ListEntry e : l.entries()) {
        listed.add(e.name());
      }
    }
    List<AccountInfo> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AccountInfo a = new AccountInfo(String.format("acct-%07d", i));
      a.country = COUNTRIES[r.nextInt(COUNTRIES.length)];
      int kind = r.nextInt(10);
      if (kind < 6) {
        a.orgName = companies.get(r.nextInt(companies.size()));
      } else if (kind < 8) {
        a.email = "user" + i + "@" + (r.nextBoolean() ? "gmail.com" : "example" + r.nextInt(5000) + ".com");
      } else if (kind < 9 && !listed.isEmpty()) {
        a.orgName = ScreeningEvaluation.perturb(listed.get(r.nextInt(listed.size())), r);
      } else {
        a.orgName = companies.get(r.nextInt(companies.size())) + " " + i;
        a.parentOrg = companies.get(r.nextInt(companies.size()));
        a.ownershipPct = (double) (10 + r.nextInt(90));
      }
      out.add(a);
    }
    return out;
  }
}
