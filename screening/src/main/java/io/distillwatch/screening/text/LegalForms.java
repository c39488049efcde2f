package io.distillwatch.screening.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The documented table of corporate legal forms (docs/screening.md, "Legal forms"), each as it is
 * commonly written. A form is recognised in a name whatever its spacing and punctuation: "S.A. de
 * C.V.", "S A DE C V" and "SA DE CV" are all the letters {@code sadecv} ({@link #letters}).
 */
public final class LegalForms {
  /** Jurisdiction (informative) and written forms. Native-script forms are matched as written. */
  static final String[][] TABLE = {
    {"US", "Inc.", "Incorporated", "Corp.", "Corporation", "Co.", "Company", "L.L.C.", "L.P.",
        "L.L.P.", "Ltd."},
    {"GB/IE/HK/Commonwealth", "Ltd.", "Limited", "PLC", "Co., Ltd.", "Company Limited",
        "Public Limited Company", "Limited Liability Partnership", "Limited Liability Company",
        "Limited Partnership"},
    {"MX/LatAm", "S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V.", "S. de R.L.",
        "S.A.B. de C.V.", "Ltda.", "S.A.C.", "S.R.L.", "E.I.R.L.", "S.A.S."},
    {"FR/BE/CH/LU", "S.A.", "S.A.S.", "S.A.R.L.", "S.N.C.", "Societe Anonyme"},
    {"ES", "S.L.", "S.A.", "S.L.U."},
    {"IT", "S.p.A.", "S.r.l."},
    {"DE/AT/CH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", "mbH"},
    {"NL/BE", "B.V.", "N.V."},
    {"Nordic", "AB", "A/S", "AS", "ApS", "Oy", "Oyj", "ASA"},
    {"PL/CZ/SK/HU", "Sp. z o.o.", "S.A.", "s.r.o.", "a.s.", "Kft.", "Zrt."},
    {"RU/CIS (Latin)", "OOO", "AO", "ZAO", "OAO", "PAO", "TOO", "JSC", "PJSC", "OJSC", "CJSC",
        "Joint Stock Company", "Public Joint Stock Company", "Open Joint Stock Company",
        "Closed Joint Stock Company", "TOV", "FGUP", "GUP"},
    {"RU/CIS (Cyrillic)", "ООО", "АО", "ЗАО", "ОАО", "ПАО", "ТОО", "ТОВ", "ФГУП", "ГУП"},
    {"CN/TW (Han)", "有限公司", "股份有限公司", "有限责任公司", "有限責任公司", "集团有限公司", "公司"},
    {"JP", "K.K.", "Kabushiki Kaisha", "G.K.", "株式会社", "合同会社"},
    {"KR", "주식회사", "Co., Ltd."},
    {"SG/MY/IN/AU", "Pte. Ltd.", "Sdn. Bhd.", "Bhd.", "Pvt. Ltd.", "Private Limited", "Pty. Ltd.",
        "Pty Ltd"},
    {"AE", "FZE", "FZCO", "FZ-LLC", "FZC", "DMCC", "L.L.C."},
    {"TR", "A.S.", "Ltd. Sti."},
    {"ID", "PT", "Tbk."},
    {"BR", "Ltda.", "S.A.", "EIRELI"}
  };

  private LegalForms() {}

  /** Every written form of the table, in table order, without duplicates. */
  public static List<String> all() {
    Set<String> out = new LinkedHashSet<>();
    for (String[] row : TABLE) {
      for (int i = 1; i < row.length; i++) {
        out.add(row[i]);
      }
    }
    return new ArrayList<>(out);
  }

  /** Forms written in Latin letters. */
  public static List<String> latin() {
    return all().stream().filter(f -> f.chars().allMatch(c -> c < 128)).toList();
  }

  /**
   * The letters and digits of a form, lower case, nothing else: its identity whatever the spacing
   * and punctuation ("S A DE C V" → "sadecv").
   */
  public static String letters(String written) {
    StringBuilder b = new StringBuilder();
    for (char c : written.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Ways people write a Latin form: as in the table, upper case without punctuation ("SA DE CV"),
   * letters of abbreviations spaced out ("S A DE C V"), dots kept but spaces dropped ("S.A.DE
   * C.V."), lower case. Native-script forms are returned as written.
   */
  public static List<String> writings(String form) {
    Set<String> out = new LinkedHashSet<>();
    out.add(form);
    if (!form.chars().allMatch(c -> c < 128)) {
      return new ArrayList<>(out);
    }
    String up = form.toUpperCase(Locale.ROOT);
    out.add(up.replaceAll("[.,]", "").replace('&', ' ').replaceAll("\\s+", " ").trim());
    StringBuilder spaced = new StringBuilder();
    for (String word : up.split("\\s+")) {
      if (word.contains(".") || word.contains("/") || word.contains("-")) {
        for (char c : word.toCharArray()) {
          if (Character.isLetter(c)) {
            spaced.append(c).append(' ');
          }
        }
      } else {
        spaced.append(word.replace(",", "")).append(' ');
      }
    }
    out.add(spaced.toString().trim());
    out.add(form.replace(". ", ".").replace(", ", ","));
    out.add(form.toLowerCase(Locale.ROOT));
    return new ArrayList<>(out);
  }
}
