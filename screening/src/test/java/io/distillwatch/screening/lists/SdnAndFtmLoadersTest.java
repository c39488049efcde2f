package io.distillwatch.screening.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures written from the published formats: Treasury's SDN CSV files and FtM entity lines. */
class SdnAndFtmLoadersTest {
  static Path mixed() throws Exception {
    return Path.of(SdnAndFtmLoadersTest.class.getResource("/lists-mixed").toURI());
  }

  @Test
  void sdnFilesAreJoinedByEntityNumberWithNullsAndWeakAliases() throws Exception {
    ScreeningList l = ListLoader.load(mixed().resolve("sdn.csv"), "2026-11-30");
    assertThat(l.format()).isEqualTo("sdn");
    assertThat(l.entries()).extracting(ListEntry::id).containsExactly("10118", "36001", "36002");
    ListEntry glbc = l.entries().get(0);
    assertThat(glbc.type()).isEqualTo("entity"); // -0- type
    assertThat(glbc.aliases()).extracting(ListEntry.Alias::name)
        .containsExactly("GLBC", "GREAT LAKES TRADING");
    assertThat(glbc.countries()).containsExactly("CD");
    assertThat(glbc.websites()).containsExactly("glbc-congo.cd");
    assertThat(glbc.crossIds()).containsExactly("ofac:10118");
    ListEntry person = l.entries().get(2);
    assertThat(person.type()).isEqualTo("individual");
    assertThat(person.aliases()).containsExactly(new ListEntry.Alias("ABU YUSUF", true));
    assertThat(person.countries()).containsExactly("SY");
    // the empty name and the alias of an unknown entity are reported, the rest is loaded
    assertThat(l.problems()).extracting(LoadProblem::reason)
        .containsExactlyInAnyOrder("missing_name", "unknown_entity");
    assertThat(l.receipt().file()).isEqualTo("sdn.csv; alt.csv; add.csv");
    assertThat(l.receipt().sha256().split("; ")).hasSize(3);
    assertThat(l.receipt().listDate()).isEqualTo("2026-11-30");
  }

  @Test
  void ftmEntitiesOfPartySchemataBecomeEntries() throws Exception {
    ScreeningList l = ListLoader.load(mixed().resolve("entities.ftm.json"), null);
    assertThat(l.format()).isEqualTo("ftm");
    assertThat(l.entries()).extracting(ListEntry::id)
        .containsExactly("NK-glbc", "NK-volga", "NK-person"); // the Sanction is not a party
    ListEntry volga = l.entries().get(1);
    assertThat(volga.list()).isEqualTo("OpenSanctions: gb_hmt_sanctions, eu_fsf");
    assertThat(volga.aliases()).containsExactly(
        new ListEntry.Alias("Волга Дата Системс", false), new ListEntry.Alias("VDS", true));
    assertThat(volga.countries()).containsExactly("RU");
    assertThat(volga.websites()).containsExactly("volga-data.ru");
    assertThat(l.entries().get(0).crossIds()).containsExactly("ofac:10118");
    assertThat(l.entries().get(2).type()).isEqualTo("individual");
    assertThat(l.problems()).extracting(LoadProblem::reason)
        .containsExactly("invalid_json", "missing_name");
    // the date of the export: the newest last_seen
    assertThat(l.receipt().listDate()).isEqualTo("2026-11-30");
  }

  @Test
  void aDirectoryTakesAnyMixOfFormats() throws Exception {
    List<ScreeningList> all = ListLoader.loadAll(mixed(), "2026-11-30");
    assertThat(all).extracting(ScreeningList::format).containsExactly("csl", "ftm", "sdn");
  }

  @Test
  void aFileThatIsNotFtmIsRefused(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("entities.json");
    Files.writeString(f, "{\"hello\": 1}\n");
    assertThatThrownBy(() -> ListLoader.load(f, null)).isInstanceOf(ListFormatException.class)
        .hasMessageContaining("not FollowTheMoney");
  }
}
