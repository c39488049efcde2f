package io.distillwatch.screening.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Differences between two snapshots of a list (the lists publish no deltas). Entries are keyed by
 * list name and id; a CSL row without an entity number is keyed by its record id, which trade.gov
 * derives from the content, so an edit to such a row shows as one removal plus one addition.
 *
 * @param added entries only in the new snapshot, in its order
 * @param removed entries only in the old snapshot, in its order
 * @param changed entries in both whose content differs
 */
public record ListDiff(List<ListEntry> added, List<ListEntry> removed, List<Change> changed) {

  /**
   * One entry present in both snapshots with different content.
   *
   * @param fields names of the fields that differ: name, type, aliases, countries, websites
   */
  public record Change(ListEntry before, ListEntry after, List<String> fields) {}

  public static ListDiff between(List<ListEntry> oldEntries, List<ListEntry> newEntries) {
    Map<String, ListEntry> before = index(oldEntries);
    Map<String, ListEntry> after = index(newEntries);
    List<ListEntry> added = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    for (Map.Entry<String, ListEntry> e : after.entrySet()) {
      ListEntry old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getValue());
      } else if (!old.equals(e.getValue())) {
        changed.add(new Change(old, e.getValue(), fields(old, e.getValue())));
      }
    }
    List<ListEntry> removed = new ArrayList<>();
    for (Map.Entry<String, ListEntry> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        removed.add(e.getValue());
      }
    }
    return new ListDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  private static Map<String, ListEntry> index(List<ListEntry> entries) {
    Map<String, ListEntry> m = new LinkedHashMap<>();
    for (ListEntry e : entries) {
      m.putIfAbsent(e.list() + "\u0000" + e.id(), e);
    }
    return m;
  }

  private static List<String> fields(ListEntry a, ListEntry b) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(a.name(), b.name())) {
      out.add("name");
    }
    if (!Objects.equals(a.type(), b.type())) {
      out.add("type");
    }
    if (!Objects.equals(a.aliases(), b.aliases())) {
      out.add("aliases");
    }
    if (!Objects.equals(a.countries(), b.countries())) {
      out.add("countries");
    }
    if (!Objects.equals(a.websites(), b.websites())) {
      out.add("websites");
    }
    return out;
  }
}
