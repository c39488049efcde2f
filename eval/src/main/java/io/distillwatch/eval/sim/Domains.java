package io.distillwatch.eval.sim;

import java.util.List;

/** Email domains simulated accounts sign up with. */
final class Domains {
  private Domains() {}

  static final List<String> CONSUMER =
      List.of("gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com",
          "proton.me", "qq.com", "163.com", "gmx.de", "naver.com");

  static final List<String> DISPOSABLE =
      List.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "temp-mail.org", "sharklasers.com",
          "yopmail.com");

  /** Fictional company names for teams, app makers and labs (domains under {@code .example}). */
  static final List<String> COMPANIES =
      List.of("Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure Works", "Litware", "Proseware",
          "Lucerne", "Margie's Travel", "Woodgrove", "Humongous", "Alpine Ski", "Coho Vineyard", "Blue Yonder",
          "Trey Research", "Fourth Coffee", "Graphic Design Institute", "Wide World Importers", "Relecloud");

  static String domainOf(String company) {
    return company.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".example";
  }
}
