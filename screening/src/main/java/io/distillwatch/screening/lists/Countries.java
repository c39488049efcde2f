package io.distillwatch.screening.lists;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps country names as lists write them ("Iran (Islamic Republic of)", "Russian Federation",
 * "Democratic People's Republic of Korea") and ISO codes to ISO 3166 alpha-2 codes.
 */
public final class Countries {
  private static final Map<String, String> BY_NAME = new HashMap<>();
  private static final Set<String> CODES = Set.of(Locale.getISOCountries());

  static {
    for (String code : Locale.getISOCountries()) {
      Locale l = new Locale("", code);
      BY_NAME.put(key(l.getDisplayCountry(Locale.ENGLISH)), code);
      BY_NAME.put(key(l.getISO3Country()), code);
    }
    String[][] extra = {
      {"russian federation", "RU"}, {"iran islamic republic of", "IR"}, {"iran", "IR"},
      {"democratic peoples republic of korea", "KP"}, {"north korea", "KP"},
      {"republic of korea", "KR"}, {"south korea", "KR"}, {"korea south", "KR"},
      {"korea north", "KP"}, {"syrian arab republic", "SY"}, {"syria", "SY"},
      {"united republic of tanzania", "TZ"}, {"venezuela bolivarian republic of", "VE"},
      {"bolivarian republic of venezuela", "VE"}, {"viet nam", "VN"}, {"vietnam", "VN"},
      {"lao peoples democratic republic", "LA"}, {"democratic republic of the congo", "CD"},
      {"congo democratic republic of the", "CD"}, {"republic of the congo", "CG"},
      {"congo", "CG"}, {"united states of america", "US"}, {"united states", "US"},
      {"usa", "US"}, {"united kingdom of great britain and northern ireland", "GB"},
      {"united kingdom", "GB"}, {"uk", "GB"}, {"great britain", "GB"}, {"turkey", "TR"},
      {"turkiye", "TR"}, {"state of palestine", "PS"}, {"palestinian territories", "PS"},
      {"occupied palestinian territory", "PS"}, {"west bank", "PS"}, {"gaza", "PS"},
      {"cote divoire", "CI"}, {"ivory coast", "CI"}, {"republic of moldova", "MD"},
      {"north macedonia", "MK"}, {"the former yugoslav republic of macedonia", "MK"},
      {"czechia", "CZ"}, {"czech republic", "CZ"}, {"burma", "MM"}, {"myanmar", "MM"},
      {"china", "CN"}, {"peoples republic of china", "CN"}, {"hong kong", "HK"},
      {"macau", "MO"}, {"macao", "MO"}, {"taiwan", "TW"}, {"crimea", "UA"}, {"kosovo", "XK"},
      {"bolivia plurinational state of", "BO"}, {"libyan arab jamahiriya", "LY"},
      {"united arab emirates", "AE"}, {"uae", "AE"}, {"brunei darussalam", "BN"},
      {"eswatini", "SZ"}, {"swaziland", "SZ"}, {"cabo verde", "CV"}, {"timor leste", "TL"}
    };
    for (String[] e : extra) {
      BY_NAME.put(key(e[0]), e[1]);
    }
  }

  private Countries() {}

  /**
   * The ISO alpha-2 code for a country name or code, or null when unknown. Two-letter input is
   * taken as a code ("gb" → "GB").
   */
  public static String toCode(String nameOrCode) {
    if (nameOrCode == null) {
      return null;
    }
    String t = nameOrCode.trim();
    if (t.length() == 2 && Character.isLetter(t.charAt(0)) && Character.isLetter(t.charAt(1))) {
      String up = t.toUpperCase(Locale.ROOT);
      return CODES.contains(up) || up.equals("XK") ? up : null;
    }
    String k = key(t);
    if (k.isEmpty()) {
      return null;
    }
    String code = BY_NAME.get(k);
    if (code == null && t.contains("(")) {
      code = BY_NAME.get(key(t.replaceAll("\\(.*?\\)", "")));
    }
    return code;
  }

  private static String key(String s) {
    String ascii = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("['’`]", "").replaceAll("[^a-z]+", " ").trim()
        .replaceAll("^the ", "");
  }
}
