package io.distillwatch.screening.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads OFAC's SDN list as Treasury publishes it in CSV: {@code sdn.csv} (ent_num, SDN_Name,
 * SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks),
 * {@code alt.csv} (ent_num, alt_num, alt_type, alt_name, alt_remarks) and {@code add.csv} (ent_num,
 * add_num, Address, City/State/Province/Postal Code, Country, Add_remarks), joined by entity number.
 * The files have no header row; {@code -0-} (often followed by a space) is a null. {@code alt.csv}
 * and {@code add.csv} are optional (names only). Websites and email addresses are read from the
 * remarks ("Website www.x.ru", "Email Address a@x.ru"). The files state no date.
 */
public final class SdnCsvLoader {
  /** The {@code list} value of every entry. */
  public static final String LIST_NAME = "Specially Designated Nationals (SDN) - Treasury Department";

  private static final Pattern WEBSITE = Pattern.compile("(?i)Website ([^;\\s]+)");
  private static final Pattern EMAIL = Pattern.compile("(?i)Email Address ([^;\\s]+)");

  private SdnCsvLoader() {}

  /** Whether a file is one of the SDN CSV set, by its name as Treasury publishes it. */
  public static boolean isSdnFile(Path p) {
    String n = baseName(p);
    return n.equals("sdn.csv") || n.equals("alt.csv") || n.equals("add.csv")
        || n.equals("sdn_comments.csv");
  }

  /** The lower-case file name without a {@code .gz} suffix. */
  static String baseName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
  }

  /**
   * Loads {@code sdn} with the {@code alt.csv} and {@code add.csv} beside it, if present. The receipt
   * names every file read, their hashes joined by "; " in the same order.
   */
  public static ScreeningList load(Path sdn, String listDateOption) throws ListFormatException {
    ListFile main = ListFile.read(sdn);
    Path alt = sibling(sdn, "alt.csv");
    Path add = sibling(sdn, "add.csv");
    List<LoadProblem> problems = new ArrayList<>();
    Map<String, Builder> byNumber = new LinkedHashMap<>();
    readRows(main, 12, problems, f -> {
      String num = value(f.get(0));
      String name = value(f.get(1));
      if (num == null || name == null) {
        return "missing_name";
      }
      Builder b = new Builder(num, name, value(f.get(2)));
      String remarks = value(f.get(11));
      if (remarks != null) {
        addMatches(WEBSITE, remarks, b.websites);
        addMatches(EMAIL, remarks, b.websites);
      }
      byNumber.put(num, b);
      return null;
    });
    List<ListFile> files = new ArrayList<>(List.of(main));
    if (alt != null) {
      ListFile af = ListFile.read(alt);
      files.add(af);
      readRows(af, 5, problems, f -> {
        Builder b = byNumber.get(value(f.get(0)));
        String name = value(f.get(3));
        if (b == null || name == null) {
          return b == null ? "unknown_entity" : "missing_name";
        }
        // "weak aka" marks a low-quality alias
        b.aliases.add(new ListEntry.Alias(name, "weak aka".equalsIgnoreCase(value(f.get(2)))));
        return null;
      });
    }
    if (add != null) {
      ListFile df = ListFile.read(add);
      files.add(df);
      readRows(df, 6, problems, f -> {
        Builder b = byNumber.get(value(f.get(0)));
        if (b == null) {
          return "unknown_entity";
        }
        String country = value(f.get(4));
        if (country != null) {
          b.country(country);
        }
        return null;
      });
    }
    List<ListEntry> entries = new ArrayList<>(byNumber.size());
    for (Builder b : byNumber.values()) {
      entries.add(b.build());
    }
    Receipt receipt = new Receipt(
        String.join("; ", files.stream().map(ListFile::name).toList()),
        String.join("; ", files.stream().map(f -> f.sha256).toList()),
        main.fallbackDate(listDateOption));
    return new ScreeningList("sdn", receipt, List.copyOf(entries), List.copyOf(problems));
  }

  private static Path sibling(Path sdn, String name) {
    Path dir = sdn.toAbsolutePath().getParent();
    for (String candidate : List.of(name, name + ".gz", name.toUpperCase(Locale.ROOT))) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** Each row with at least {@code fields} fields; the handler returns a problem code or null. */
  private static void readRows(ListFile file, int fields, List<LoadProblem> problems,
      java.util.function.Function<List<String>, String> handler) throws ListFormatException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8), 1 << 16)) {
      CsvRecords csv = new CsvRecords(reader);
      CsvRecords.Row row;
      while ((row = csv.next()) != null) {
        List<String> f = row.fields();
        if (f.size() == 1 && f.get(0).trim().isEmpty()) {
          continue; // blank line or the DOS end-of-file mark Treasury's files end with
        }
        if (row.unterminated()) {
          problems.add(new LoadProblem(file.name(), row.line(), "unterminated_quote",
              "a quoted field runs to the end of the file"));
          break;
        }
        if (f.size() < fields) {
          problems.add(new LoadProblem(file.name(), row.line(), "wrong_field_count",
              "expected " + fields + " fields, found " + f.size()));
          continue;
        }
        String problem = handler.apply(f);
        if (problem != null) {
          problems.add(new LoadProblem(file.name(), row.line(), problem,
              problem.equals("unknown_entity") ? "entity number not in sdn.csv" : "the name is empty"));
        }
      }
    } catch (IOException e) {
      throw new ListFormatException(file.name() + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A field's value, or null for empty and {@code -0-}. */
  static String value(String field) {
    String t = field == null ? "" : field.trim();
    return t.isEmpty() || t.equals("-0-") ? null : t;
  }

  private static void addMatches(Pattern p, String text, Set<String> out) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      String host = Domains.host(m.group(1).replaceAll("[.,)]+$", ""));
      if (host != null && !Domains.isShared(Domains.registrable(host))) {
        out.add(host);
      }
    }
  }

  private static final class Builder {
    final String number;
    final String name;
    final String type;
    final List<ListEntry.Alias> aliases = new ArrayList<>();
    final Set<String> countries = new LinkedHashSet<>();
    final Set<String> websites = new LinkedHashSet<>();

    Builder(String number, String name, String type) {
      this.number = number;
      this.name = name;
      this.type = type == null ? "entity" : type.toLowerCase(Locale.ROOT);
    }

    void country(String value) {
      String code = Countries.toCode(value);
      countries.add(code != null ? code : value);
    }

    ListEntry build() {
      return new ListEntry(LIST_NAME, number, type, name, List.copyOf(aliases),
          List.copyOf(countries), List.copyOf(websites), List.of(ListEntry.ofacId(number)));
    }
  }
}
