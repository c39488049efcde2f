package io.distillwatch.screening.lists;

import java.util.Locale;
import java.util.Set;

/** Host and registrable-domain helpers for websites and email domains. */
public final class Domains {
  /** Mailbox providers: a shared email domain says nothing about the organisation. */
  public static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
          "msn.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.de", "web.de",
          "proton.me", "protonmail.com", "yandex.ru", "yandex.com", "mail.ru", "bk.ru", "list.ru",
          "inbox.ru", "rambler.ru", "qq.com", "163.com", "126.com", "sina.com", "sohu.com",
          "yeah.net", "naver.com", "hanmail.net", "rediffmail.com", "zoho.com", "tutanota.com");

  /** Platforms hosting many unrelated parties' pages or mailboxes ("facebook.com/xyz"). */
  public static final Set<String> PLATFORMS =
      Set.of(
          "google.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "t.me",
          "telegram.me", "telegram.org", "linkedin.com", "youtube.com", "vk.com", "ok.ru",
          "blogspot.com", "wordpress.com", "wix.com", "github.com", "github.io", "medium.com",
          "tiktok.com", "weibo.com", "wechat.com", "whatsapp.com", "sites.google.com");

  /** Whether a registrable domain says nothing about one organisation (mailbox or platform). */
  public static boolean isShared(String registrable) {
    return registrable == null || FREE_MAIL.contains(registrable) || PLATFORMS.contains(registrable);
  }

  private static final Set<String> SECOND_LEVEL =
      Set.of("co", "com", "net", "org", "gov", "edu", "ac", "ltd", "plc", "or", "ne", "go", "mil");

  private Domains() {}

  /** "https://www.Example.com/x" → "example.com"; null when nothing host-like is there. */
  public static String host(String urlOrHost) {
    if (urlOrHost == null) {
      return null;
    }
    String s = urlOrHost.trim().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    for (char stop : new char[] {'/', '?', '#', ':', ' '}) {
      int i = s.indexOf(stop);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    if (!s.contains(".") || !s.matches("[a-z0-9.-]+")) {
      return null;
    }
    return s;
  }

  /**
   * The registrable domain, approximated without the public-suffix list: the last two labels, or
   * three when the second-level label is a generic one under a country code ("example.co.uk").
   */
  public static String registrable(String host) {
    if (host == null) {
      return null;
    }
    String[] labels = host.split("\\.");
    int n = labels.length;
    if (n <= 2) {
      return host;
    }
    boolean generic = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]);
    int keep = generic ? 3 : 2;
    return String.join(".", java.util.Arrays.copyOfRange(labels, n - keep, n));
  }
}
