package io.distillwatch.screening.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented table of common spellings of Arabic names and name words in Latin letters
 * (docs/screening.md, "Name variants"): ICU romanises Arabic script without vowels, and lists and
 * people write the same name in many ways ("Mohammed", "Muhammad", "Mohamed"). Each group is one
 * name; the first spelling is the group's canonical form.
 */
public final class NameVariants {
  static final String[][] GROUPS = {
    {"muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mohamud", "mohd",
        "muhamad", "mouhamed"},
    {"ahmad", "ahmed", "ahmet"},
    {"abdul", "abdel", "abdal", "abdoul", "abdool", "abdol"},
    {"abdullah", "abdallah", "abdulla", "abdellah", "abdollah"},
    {"husayn", "hussein", "hussain", "husain", "hossein", "hosein", "husein", "hussien"},
    {"hasan", "hassan", "hassen", "hasen"},
    {"yusuf", "yousef", "youssef", "yousif", "yusef", "youssouf", "yousuf", "yussuf"},
    {"umar", "omar", "omer"},
    {"usama", "osama", "ousama", "usamah"},
    {"uthman", "othman", "osman", "usman", "othmane"},
    {"abu", "abou"},
    {"bin", "ben", "ibn"},
    {"al", "el"},
    {"qasim", "qassim", "kassem", "kasim", "qassem", "kasem"},
    {"khalid", "khaled"},
    {"said", "saeed", "saied", "saeid", "saiid"},
    {"rahman", "rehman", "rahmane", "rahmaan"},
    {"jamal", "gamal", "jamaal"},
    {"mahmud", "mahmoud", "mahmood"},
    {"mustafa", "mustapha", "moustafa", "mostafa", "moustapha"},
    {"ibrahim", "ebrahim", "ibraheem", "brahim"},
    {"ismail", "ismael", "esmail", "ismaeel"},
    {"yasin", "yassin", "yaseen", "yassine"},
    {"karim", "kareem"},
    {"rashid", "rasheed", "rachid"},
    {"hamid", "hameed"},
    {"faysal", "faisal", "feisal"},
    {"sulayman", "sulaiman", "suleiman", "soliman", "suleyman", "sulaymane"},
    {"zayd", "zaid", "zeid"},
    {"aziz", "azeez"},
    {"hafiz", "hafez", "hafeez"},
    {"jafar", "jaafar", "jaffar"},
    {"abbas", "abas"},
    {"hamza", "hamzah", "hamzeh"},
    {"nur", "noor", "nour"},
    {"din", "deen", "dine", "eddine", "uddin"},
    {"hizballah", "hezbollah", "hizbullah", "hizbollah", "hezbullah"},
    {"qaida", "qaeda", "qaidah"},
    {"jihad", "jehad"},
    {"islamiyya", "islamiya", "islamiyah", "islamiyyah"}
  };

  private static final Map<String, String> CANONICAL = new HashMap<>();

  static {
    for (String[] g : GROUPS) {
      for (String s : g) {
        CANONICAL.put(s, g[0]);
      }
    }
  }

  private NameVariants() {}

  /** The group's canonical spelling of a lower-case token, or the token itself. */
  public static String canonical(String token) {
    return CANONICAL.getOrDefault(token, token);
  }

  /** Every spelling of the token's group (the token alone if it is in none). */
  public static List<String> spellings(String token) {
    String c = CANONICAL.get(token);
    if (c == null) {
      return List.of(token);
    }
    for (String[] g : GROUPS) {
      if (g[0].equals(c)) {
        return List.of(g);
      }
    }
    return List.of(token);
  }
}
