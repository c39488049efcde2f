package io.distillwatch.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Free webmail providers: anyone can open an address in a minute, but unlike disposable mail the
 * address lasts and ordinary people use it, so {@code account.throwaway_volume} counts it as half a risk.
 */
final class FreeMail {
  private static final Set<String> DOMAINS = Set.of(
      "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
      "ymail.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.de", "gmx.net",
      "web.de", "proton.me", "protonmail.com", "zoho.com", "yandex.ru", "yandex.com", "mail.ru",
      "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "naver.com", "daum.net");

  private FreeMail() {}

  static boolean isFree(String domain) {
    return domain != null && DOMAINS.contains(domain.strip().toLowerCase(Locale.ROOT));
  }
}
