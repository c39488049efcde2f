package io.distillwatch.screening.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads OpenSanctions' FollowTheMoney entity export ({@code entities.ftm.json}): one JSON entity per
 * line, {@code {"id", "schema", "caption", "properties": {"name": [...], "alias": [...],
 * "weakAlias": [...], "previousName": [...], "country": [...], "website": [...], "email": [...]},
 * "datasets": [...], "referents": [...], "last_seen", ...}}. Entities of the schemata that can be a
 * party (Person, Company, Organization, LegalEntity, PublicBody, Vessel, Airplane) become entries;
 * the others (Sanction, Address, Ownership, Identification, ...) are skipped. A weak alias can lead
 * to review only. The entry's list names the source datasets. The list date is the newest
 * {@code last_seen} in the file (the export's run), else {@code --list-date} or the file's date.
 */
public final class FtmJsonLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** FtM schema → entry type; other schemata are not parties. */
  private static final Map<String, String> TYPES = Map.of(
      "Person", "individual", "Company", "entity", "Organization", "entity",
      "LegalEntity", "entity", "PublicBody", "entity", "Vessel", "vessel", "Airplane", "aircraft");
  /** Largest line read (a big entity with its properties). */
  static final int MAX_LINE_CHARS = 4 * 1024 * 1024;

  private FtmJsonLoader() {}

  static ScreeningList load(ListFile file, String listDateOption) throws ListFormatException {
    List<ListEntry> entries = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    String newest = null;
    boolean sawEntity = false;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        if (line.length() > MAX_LINE_CHARS) {
          problems.add(new LoadProblem(file.name(), n, "line_too_long", line.length() + " characters"));
          continue;
        }
        JsonNode e;
        try {
          e = JSON.readTree(line);
        } catch (IOException ex) {
          if (!sawEntity && n == 1) {
            throw new ListFormatException(file.name() + ": not FollowTheMoney JSON lines: line 1 is not JSON");
          }
          problems.add(new LoadProblem(file.name(), n, "invalid_json", firstLine(ex.getMessage())));
          continue;
        }
        if (!e.isObject() || !e.path("schema").isTextual() || !e.path("properties").isObject()) {
          if (!sawEntity && n == 1) {
            throw new ListFormatException(file.name()
                + ": not FollowTheMoney JSON lines (no 'schema' and 'properties' on line 1)");
          }
          problems.add(new LoadProblem(file.name(), n, "not_an_entity",
              "no 'schema' and 'properties'"));
          continue;
        }
        sawEntity = true;
        String seen = e.path("last_seen").asText("");
        if (seen.length() >= 10 && (newest == null || seen.substring(0, 10).compareTo(newest) > 0)) {
          newest = seen.substring(0, 10);
        }
        String type = TYPES.get(e.path("schema").asText());
        if (type == null) {
          continue;
        }
        ListEntry entry = toEntry(e, type, n);
        if (entry == null) {
          problems.add(new LoadProblem(file.name(), n, "missing_name", "no name and no caption"));
        } else {
          entries.add(entry);
        }
      }
    } catch (IOException e) {
      throw new ListFormatException(file.name() + ": cannot read: " + e.getMessage(), e);
    }
    if (!sawEntity) {
      throw new ListFormatException(file.name() + ": no FollowTheMoney entities");
    }
    String date = newest != null ? newest : file.fallbackDate(listDateOption);
    return new ScreeningList("ftm", new Receipt(file.name(), file.sha256, date),
        List.copyOf(entries), List.copyOf(problems));
  }

  private static ListEntry toEntry(JsonNode e, String type, long line) {
    JsonNode p = e.path("properties");
    List<String> names = texts(p.path("name"));
    String caption = e.path("caption").asText("").trim();
    String primary = !names.isEmpty() ? names.get(0) : caption;
    if (primary.isEmpty()) {
      return null;
    }
    Set<String> seen = new LinkedHashSet<>();
    seen.add(primary);
    List<ListEntry.Alias> aliases = new ArrayList<>();
    for (String prop : List.of("name", "alias", "previousName")) {
      for (String a : texts(p.path(prop))) {
        if (seen.add(a)) {
          aliases.add(new ListEntry.Alias(a, false));
        }
      }
    }
    for (String a : texts(p.path("weakAlias"))) {
      if (seen.add(a)) {
        aliases.add(new ListEntry.Alias(a, true));
      }
    }
    Set<String> countries = new LinkedHashSet<>();
    for (String prop : List.of("country", "jurisdiction", "nationality", "citizenship", "mainCountry")) {
      for (String c : texts(p.path(prop))) {
        String code = Countries.toCode(c);
        if (code != null) {
          countries.add(code);
        }
      }
    }
    Set<String> websites = new LinkedHashSet<>();
    for (String prop : List.of("website", "email")) {
      for (String w : texts(p.path(prop))) {
        String host = Domains.host(w);
        if (host != null && !Domains.isShared(Domains.registrable(host))) {
          websites.add(host);
        }
      }
    }
    List<String> datasets = texts(e.path("datasets"));
    String list = datasets.isEmpty() ? "OpenSanctions" : "OpenSanctions: " + String.join(", ", datasets);
    String id = e.path("id").asText("line-" + line);
    return new ListEntry(list, id, type, primary, List.copyOf(aliases), List.copyOf(countries),
        List.copyOf(websites), crossIds(e));
  }

  /**
   * Identifiers of the same party in other lists: an OFAC entity number from the id or the
   * referents ({@code ofac-10118}).
   */
  private static List<String> crossIds(JsonNode e) {
    Set<String> out = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>(texts(e.path("referents")));
    ids.add(e.path("id").asText(""));
    for (String id : ids) {
      String lower = id.toLowerCase(Locale.ROOT);
      if (lower.matches("ofac-\\d+")) {
        out.add(ListEntry.ofacId(lower.substring(5)));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> texts(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode v : n) {
        String t = v.asText("").trim();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    } else if (n.isTextual() && !n.asText().isBlank()) {
      out.add(n.asText().trim());
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
