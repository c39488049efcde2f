package io.distillwatch.screening;

import io.distillwatch.screening.lists.ListEntry;
import io.distillwatch.screening.match.NameIndex;
import io.distillwatch.screening.text.NormalizedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entries of several lists that are one party, so a result can name all its sources: entries sharing
 * a cross id (OFAC's entity number in the SDN files, the CSL's Treasury lists and OpenSanctions'
 * referents), and entries of different lists with the same normalised primary name and type whose
 * countries agree (for individuals, countries must be known on both sides: a shared name alone
 * does not make two people one).
 */
final class SameParty {
  private final int[][] groupOf;

  private SameParty(int[][] groupOf) {
    this.groupOf = groupOf;
  }

  static SameParty of(List<ListEntry> entries, NameIndex index) {
    int n = entries.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ListEntry e = entries.get(i);
      for (String id : e.crossIds()) {
        Integer other = byKey.putIfAbsent("x\u0000" + id, i);
        if (other != null) {
          union(parent, other, i);
        }
      }
    }
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < n; i++) {
      NormalizedName name = index.primaryName(i);
      if (name != null) {
        boolean person = entries.get(i).type().equals("individual");
        byName.computeIfAbsent((person ? "p" : "o") + "\u0000" + name.compact(),
            k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> same : byName.values()) {
      for (int a = 0; a < same.size(); a++) {
        for (int b = a + 1; b < same.size() && b < a + 50; b++) {
          ListEntry x = entries.get(same.get(a));
          ListEntry y = entries.get(same.get(b));
          if (!x.list().equals(y.list()) && countriesAgree(x, y)) {
            union(parent, same.get(a), same.get(b));
          }
        }
      }
    }
    Map<Integer, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    int[][] groupOf = new int[n][];
    for (List<Integer> g : groups.values()) {
      int[] members = g.stream().mapToInt(Integer::intValue).toArray();
      for (int m : members) {
        groupOf[m] = members;
      }
    }
    return new SameParty(groupOf);
  }

  private static boolean countriesAgree(ListEntry x, ListEntry y) {
    if (x.countries().isEmpty() || y.countries().isEmpty()) {
      return !x.type().equals("individual");
    }
    Set<String> s = new HashSet<>(x.countries());
    return y.countries().stream().anyMatch(s::contains);
  }

  /** The entry and every other entry of the same party, the entry first, then in list order. */
  List<Integer> entriesOf(int entry) {
    List<Integer> out = new ArrayList<>(groupOf[entry].length);
    out.add(entry);
    for (int m : groupOf[entry]) {
      if (m != entry) {
        out.add(m);
      }
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
