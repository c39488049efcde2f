package io.distillwatch.screening.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListDiffTest {
  private static ListEntry entry(String id, String name, String... countries) {
    return new ListEntry("SDN", id, "entity", name, List.of(), List.of(countries), List.of());
  }

  @Test
  void addedRemovedAndChangedEntriesWithTheFieldsThatChanged() {
    List<ListEntry> before = List.of(entry("1", "ALPHA"), entry("2", "BETA", "RU"), entry("3", "GAMMA"));
    List<ListEntry> after = List.of(entry("1", "ALPHA"), entry("2", "BETA", "BY"), entry("4", "DELTA"));
    ListDiff d = ListDiff.between(before, after);
    assertThat(d.added()).extracting(ListEntry::id).containsExactly("4");
    assertThat(d.removed()).extracting(ListEntry::id).containsExactly("3");
    assertThat(d.changed()).singleElement().satisfies(c -> {
      assertThat(c.before().countries()).containsExactly("RU");
      assertThat(c.after().countries()).containsExactly("BY");
      assertThat(c.fields()).containsExactly("countries");
    });
  }

  @Test
  void sameIdOnDifferentListsAreDifferentEntries() {
    ListEntry a = entry("1", "ALPHA");
    ListEntry b = new ListEntry("Entity List", "1", "entity", "ALPHA", List.of(), List.of(), List.of());
    ListDiff d = ListDiff.between(List.of(a), List.of(a, b));
    assertThat(d.added()).containsExactly(b);
    assertThat(ListDiff.between(List.of(a), List.of(a)).isEmpty()).isTrue();
  }
}
