package io.distillwatch.screening.lists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads the US Consolidated Screening List CSV (trade.gov format: columns {@code _id, source,
 * entity_number, type, name, addresses, alt_names, citizenships, nationalities, ids, ...}). Alternate
 * names are separated by ';', as are addresses (country code last) and identifiers ("host, Website";
 * "name@host, Email Address"). The file states no date, so the list date is {@code --list-date} or
 * the file's modification date.
 */
public final class CslCsvLoader {
  private CslCsvLoader() {}

  static ScreeningList load(ListFile file, String listDateOption) throws ListFormatException {
    List<ListEntry> entries = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8), 1 << 16)) {
      CsvRecords csv = new CsvRecords(reader);
      CsvRecords.Row header = csv.next();
      if (header == null) {
        throw new ListFormatException(file.name() + ": empty file");
      }
      Map<String, Integer> col = new HashMap<>();
      for (int i = 0; i < header.fields().size(); i++) {
        col.put(header.fields().get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), i);
      }
      if (!col.containsKey("name") || !col.containsKey("source")) {
        throw new ListFormatException(
            file.name() + ": not a Consolidated Screening List CSV (no 'name' and 'source' columns)");
      }
      CsvRecords.Row row;
      while ((row = csv.next()) != null) {
        if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
          continue;
        }
        if (row.unterminated()) {
          problems.add(
              new LoadProblem(file.name(), row.line(), "unterminated_quote",
                  "a quoted field runs to the end of the file"));
          break;
        }
        if (row.fields().size() != header.fields().size()) {
          problems.add(
              new LoadProblem(file.name(), row.line(), "wrong_field_count",
                  "expected " + header.fields().size() + " fields, found " + row.fields().size()));
          continue;
        }
        ListEntry entry = toEntry(row.fields(), col, row.line());
        if (entry == null) {
          problems.add(new LoadProblem(file.name(), row.line(), "missing_name", "the name is empty"));
        } else {
          entries.add(entry);
        }
      }
    } catch (IOException e) {
      throw new ListFormatException(file.name() + ": cannot read: " + e.getMessage(), e);
    }
    return new ScreeningList(
        "csl",
        new Receipt(file.name(), file.sha256, file.fallbackDate(listDateOption)),
        List.copyOf(entries),
        List.copyOf(problems));
  }

  private static ListEntry toEntry(List<String> f, Map<String, Integer> col, long line) {
    String name = get(f, col, "name").trim();
    if (name.isEmpty()) {
      return null;
    }
    String id = get(f, col, "entity_number").trim();
    if (id.isEmpty()) {
      id = get(f, col, "_id").trim();
    }
    if (id.isEmpty()) {
      id = "line-" + line;
    }
    Set<String> aliasNames = new LinkedHashSet<>();
    for (String a : get(f, col, "alt_names").split(";")) {
      String t = a.trim();
      if (!t.isEmpty() && !t.equalsIgnoreCase(name)) {
        aliasNames.add(t);
      }
    }
    List<ListEntry.Alias> aliases = new ArrayList<>();
    for (String a : aliasNames) {
      aliases.add(new ListEntry.Alias(a, false));
    }
    Set<String> countries = new LinkedHashSet<>();
    for (String address : get(f, col, "addresses").split(";")) {
      String[] parts = address.split(",");
      String code = Countries.toCode(parts[parts.length - 1]);
      if (code != null) {
        countries.add(code);
      }
    }
    for (String column : List.of("nationalities", "citizenships")) {
      for (String c : get(f, col, column).split("[;,]")) {
        String code = Countries.toCode(c);
        if (code != null) {
          countries.add(code);
        }
      }
    }
    Set<String> websites = new LinkedHashSet<>();
    for (String ident : get(f, col, "ids").split(";")) {
      String t = ident.trim();
      int comma = t.lastIndexOf(',');
      if (comma < 0) {
        continue;
      }
      String kind = t.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
      if (kind.equals("website") || kind.equals("email address")) {
        String host = Domains.host(t.substring(0, comma));
        if (host != null && !Domains.isShared(Domains.registrable(host))) {
          websites.add(host);
        }
      }
    }
    String source = get(f, col, "source").trim();
    String number = get(f, col, "entity_number").trim();
    // Treasury's lists in the CSL number their entries as OFAC does (the SDN files' ent_num)
    List<String> crossIds = source.contains("Treasury") && !number.isEmpty()
        ? List.of(ListEntry.ofacId(number)) : List.of();
    return new ListEntry(
        source,
        id,
        get(f, col, "type").trim().toLowerCase(Locale.ROOT),
        name,
        List.copyOf(aliases),
        List.copyOf(countries),
        List.copyOf(websites),
        crossIds);
  }

  private static String get(List<String> fields, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    return i == null ? "" : fields.get(i);
  }
}
