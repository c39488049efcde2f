package io.distillwatch.screening.lists;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Loads the UN Security Council consolidated list XML ({@code CONSOLIDATED_LIST} with {@code
 * INDIVIDUALS/INDIVIDUAL} and {@code ENTITIES/ENTITY}). The name is FIRST_NAME to FOURTH_NAME
 * joined; aliases come from {@code *_ALIAS/ALIAS_NAME} (quality "Low" makes an alias weak) and
 * {@code NAME_ORIGINAL_SCRIPT}; countries from addresses and nationality. The list date is the root's
 * {@code dateGenerated}. Parsed with StAX; a document with a DOCTYPE is refused (no DTDs, no
 * external entities: XXE).
 */
public final class UnXmlLoader {
  /** The {@code list} value of every UN entry. */
  public static final String LIST_NAME = "UN Security Council Consolidated List";

  private UnXmlLoader() {}

  static ScreeningList load(ListFile file, String listDateOption) throws ListFormatException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    List<ListEntry> entries = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    String date = null;
    boolean sawRoot = false;
    XMLStreamReader r = null;
    try (InputStream in = file.open()) {
      r = factory.createXMLStreamReader(in);
      Record rec = null;
      StringBuilder text = new StringBuilder();
      List<String> path = new ArrayList<>();
      String aliasName = null;
      String aliasQuality = null;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw new ListFormatException(
                file.name() + ": DOCTYPE declarations are refused (external entities, XXE)");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new ListFormatException(
                file.name() + ": entity reference &" + r.getLocalName() + "; refused");
          case XMLStreamConstants.START_ELEMENT:
            {
              String el = r.getLocalName();
              if (!sawRoot) {
                sawRoot = true;
                if (!el.equals("CONSOLIDATED_LIST")) {
                  throw new ListFormatException(
                      file.name() + ": not a UN consolidated list (root <" + el + ">)");
                }
                String generated = r.getAttributeValue(null, "dateGenerated");
                if (generated != null && generated.length() >= 10) {
                  date = generated.substring(0, 10);
                }
              }
              if (el.equals("INDIVIDUAL") || el.equals("ENTITY")) {
                rec = new Record(el.equals("INDIVIDUAL") ? "individual" : "entity",
                    r.getLocation().getLineNumber());
              }
              path.add(el);
              text.setLength(0);
              break;
            }
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
            text.append(r.getText());
            break;
          case XMLStreamConstants.END_ELEMENT:
            {
              String el = r.getLocalName();
              String parent = path.size() >= 2 ? path.get(path.size() - 2) : "";
              String value = text.toString().trim();
              text.setLength(0);
              path.remove(path.size() - 1);
              if (rec == null) {
                break;
              }
              if (el.equals("INDIVIDUAL") || el.equals("ENTITY")) {
                ListEntry entry = rec.toEntry();
                if (entry == null) {
                  problems.add(new LoadProblem(file.name(), rec.line, "missing_name",
                      "record without FIRST_NAME"));
                } else {
                  entries.add(entry);
                }
                rec = null;
              } else if (parent.endsWith("_ALIAS")) {
                if (el.equals("ALIAS_NAME")) {
                  aliasName = value;
                } else if (el.equals("QUALITY")) {
                  aliasQuality = value;
                }
              } else if (el.endsWith("_ALIAS")) {
                if (aliasName != null && !aliasName.isEmpty()) {
                  rec.aliases.add(new ListEntry.Alias(aliasName,
                      "low".equals(aliasQuality == null ? "" : aliasQuality.toLowerCase(Locale.ROOT))));
                }
                aliasName = null;
                aliasQuality = null;
              } else if (el.equals("COUNTRY") && parent.endsWith("_ADDRESS")
                  || el.equals("VALUE") && parent.equals("NATIONALITY")) {
                rec.country(value);
              } else if (path.size() >= 1 && parent.equals(rec.kindElement())) {
                rec.field(el, value);
              }
              break;
            }
          default:
            break;
        }
      }
    } catch (XMLStreamException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      if (!sawRoot) {
        throw new ListFormatException(file.name() + ": not well-formed XML: " + e.getMessage(), e);
      }
      problems.add(new LoadProblem(file.name(), line, "invalid_xml",
          "parsing stopped here, entries before it kept: " + firstLine(e.getMessage())));
    } catch (IOException e) {
      throw new ListFormatException(file.name() + ": cannot read: " + e.getMessage(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // closing a reader over an in-memory stream cannot lose data
        }
      }
    }
    if (!sawRoot) {
      throw new ListFormatException(file.name() + ": empty XML document");
    }
    String listDate = date != null ? date : file.fallbackDate(listDateOption);
    return new ScreeningList("un", new Receipt(file.name(), file.sha256, listDate),
        List.copyOf(entries), List.copyOf(problems));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Fields of one INDIVIDUAL or ENTITY while it is being read. */
  private static final class Record {
    final String type;
    final long line;
    final String[] names = new String[4];
    String dataId;
    String reference;
    final List<String> originalScript = new ArrayList<>();
    final List<ListEntry.Alias> aliases = new ArrayList<>();
    final Set<String> countries = new LinkedHashSet<>();

    Record(String type, long line) {
      this.type = type;
      this.line = line;
    }

    String kindElement() {
      return type.equals("individual") ? "INDIVIDUAL" : "ENTITY";
    }

    void country(String value) {
      if (value.isEmpty()) {
        return;
      }
      String code = Countries.toCode(value);
      countries.add(code != null ? code : value);
    }

    void field(String el, String value) {
      switch (el) {
        case "FIRST_NAME" -> names[0] = value;
        case "SECOND_NAME" -> names[1] = value;
        case "THIRD_NAME" -> names[2] = value;
        case "FOURTH_NAME" -> names[3] = value;
        case "DATAID" -> dataId = value;
        case "REFERENCE_NUMBER" -> reference = value;
        case "NAME_ORIGINAL_SCRIPT" -> {
          if (!value.isEmpty()) {
            originalScript.add(value);
          }
        }
        default -> {}
      }
    }

    ListEntry toEntry() {
      List<String> parts = new ArrayList<>();
      for (String n : names) {
        if (n != null && !n.isBlank()) {
          parts.add(n.trim());
        }
      }
      if (parts.isEmpty()) {
        return null;
      }
      String name = String.join(" ", parts);
      List<ListEntry.Alias> all = new ArrayList<>();
      if (name.contains(";")) {
        // entities sometimes list several names in FIRST_NAME: "A (X) ; B (Y)"
        for (String piece : name.split(";")) {
          if (!piece.isBlank()) {
            all.add(new ListEntry.Alias(piece.trim(), false));
          }
        }
      }
      for (String s : originalScript) {
        all.add(new ListEntry.Alias(s, false));
      }
      all.addAll(aliases);
      String id = reference != null && !reference.isEmpty() ? reference : dataId;
      return new ListEntry(LIST_NAME, id == null ? "line-" + line : id, type, name,
          List.copyOf(all), List.copyOf(countries), List.of());
    }
  }
}
