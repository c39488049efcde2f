package io.distillwatch.screening;

import io.distillwatch.event.AccountInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Organisations known from the accounts file, by name (case and spacing ignored), so that an
 * account's {@code parent_org} can be followed to that organisation's own parent and country. When
 * several accounts share an organisation name, the first one naming a parent is used.
 */
public final class Ownership {
  private final Map<String, AccountInfo> byName;

  private Ownership(Map<String, AccountInfo> byName) {
    this.byName = byName;
  }

  public static Ownership of(Collection<AccountInfo> accounts) {
    Map<String, AccountInfo> m = new HashMap<>();
    for (AccountInfo a : accounts) {
      if (a.orgName == null || a.orgName.isBlank()) {
        continue;
      }
      String k = Screener.key(a.orgName);
      AccountInfo prev = m.get(k);
      if (prev == null || (prev.parentOrg == null && a.parentOrg != null)) {
        m.put(k, a);
      }
    }
    return new Ownership(m);
  }

  /** The organisation with this name, or null. */
  public AccountInfo find(String orgName) {
    return byName.get(Screener.key(orgName));
  }
}
