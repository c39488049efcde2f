package io.distillwatch.screening.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLoadersTest {
  static Path resource(String name) throws Exception {
    return Path.of(ListLoadersTest.class.getResource("/" + name).toURI());
  }

  @Test
  void cslRowsBecomeEntriesWithAliasesCountriesAndWebsites() throws Exception {
    ScreeningList l = ListLoader.load(resource("lists/csl-small.csv"), "2022-06-01");
    assertThat(l.format()).isEqualTo("csl");
    assertThat(l.entries()).extracting(ListEntry::name).containsExactly(
        "GREAT LAKES BUSINESS COMPANY", "Huawei Technologies Co., Ltd.",
        "Beijing Xinghe Technology Co., Ltd.", "ROMASHKA TRADING LLC", "NOVIN \"ENERGY\" SYSTEMS",
        "'WOLF' HOLDING OF SECURITY STRUCTURES", "DOE, John");
    ListEntry glbc = l.entries().get(0);
    assertThat(glbc.id()).isEqualTo("10118");
    assertThat(glbc.aliases()).extracting(ListEntry.Alias::name)
        .containsExactly("GLBC", "GREAT LAKES TRADING");
    assertThat(glbc.countries()).containsExactly("CD", "RW");
    ListEntry romashka = l.entries().get(3);
    assertThat(romashka.websites()).containsExactly("romashka-trade.ru");
    // no entity number: the record id
    assertThat(l.entries().get(1).id()).isEqualTo("a1b2c3");
    assertThat(l.entries().get(6).type()).isEqualTo("individual");
  }

  @Test
  void platformAndMailboxDomainsAreNotAnEntrysWebsite(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("l.csv");
    Files.writeString(f, "source,name,ids\n"
        + "SDN,ACME,\"www.facebook.com/acme, Website; acme@google.com, Email Address; "
        + "ops@gmail.com, Email Address; https://shop.acme-arms.co.uk/x, Website\"\n");
    assertThat(ListLoader.load(f, null).entries().get(0).websites())
        .containsExactly("shop.acme-arms.co.uk");
    assertThat(Domains.registrable("shop.acme-arms.co.uk")).isEqualTo("acme-arms.co.uk");
  }

  @Test
  void malformedCslRowsAreReportedWithTheirLineAndLoadingContinues() throws Exception {
    ScreeningList l = ListLoader.load(resource("lists/csl-small.csv"), null);
    assertThat(l.problems()).extracting(LoadProblem::line, LoadProblem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(7L, "wrong_field_count"),
            org.assertj.core.groups.Tuple.tuple(8L, "missing_name"));
    assertThat(l.entries()).hasSize(7);
  }

  @Test
  void unterminatedQuoteIsReported(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cut.csv");
    Files.writeString(f, "source,name\nSDN,\"OPEN QUOTE\nSDN,NEXT\n");
    ScreeningList l = ListLoader.load(f, null);
    assertThat(l.problems()).extracting(LoadProblem::reason).containsExactly("unterminated_quote");
  }

  @Test
  void receiptHasTheFileHashAndTheGivenDateElseTheModificationDate(@TempDir Path dir)
      throws Exception {
    Path f = resource("lists/csl-small.csv");
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    ScreeningList dated = ListLoader.load(f, "2022-06-01");
    assertThat(dated.receipt()).isEqualTo(new Receipt("csl-small.csv", expected, "2022-06-01"));

    Path copy = dir.resolve("csl.csv");
    Files.copy(f, copy);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
    assertThat(ListLoader.load(copy, null).receipt().listDate()).isEqualTo("2021-03-04");
  }

  @Test
  void gzipIsReadTransparentlyAndHashedAsStored(@TempDir Path dir) throws Exception {
    Path plain = resource("lists/csl-small.csv");
    Path gz = dir.resolve("csl-small.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    ScreeningList a = ListLoader.load(plain, "2022-06-01");
    ScreeningList b = ListLoader.load(gz, "2022-06-01");
    assertThat(b.entries()).isEqualTo(a.entries());
    assertThat(b.receipt().sha256()).isNotEqualTo(a.receipt().sha256());
  }

  @Test
  void unEntitiesAndIndividualsWithAliasesQualityAndCountries() throws Exception {
    ScreeningList l = ListLoader.load(resource("lists/un-small.xml"), "1999-01-01");
    assertThat(l.format()).isEqualTo("un");
    assertThat(l.receipt().listDate()).as("date from the file wins").isEqualTo("2026-02-27");
    assertThat(l.entries()).extracting(ListEntry::id).containsExactly("CDi.001", "CDe.003", "KPe.001");
    ListEntry badege = l.entries().get(0);
    assertThat(badege.name()).isEqualTo("ERIC BADEGE");
    assertThat(badege.type()).isEqualTo("individual");
    assertThat(badege.countries()).containsExactly("CD", "RW");
    ListEntry cagl = l.entries().get(1);
    assertThat(cagl.aliases()).contains(
        new ListEntry.Alias("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", false),
        new ListEntry.Alias("GREAT LAKES AVIATION SERVICES (GLAS)", false),
        new ListEntry.Alias("CAGL AIR CARGO", false),
        new ListEntry.Alias("KIVU SKY TRANSPORT", true));
    assertThat(l.entries().get(2).countries()).containsExactly("KP");
    assertThat(l.problems()).extracting(LoadProblem::reason).containsExactly("missing_name");
  }

  @Test
  void xmlWithADoctypeIsRefusedAndNoEntityIsResolved() throws Exception {
    assertThatThrownBy(() -> ListLoader.load(resource("xxe/evil.xml"), null))
        .isInstanceOf(ListFormatException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining(Files.exists(Path.of("/etc/hostname"))
            ? Files.readString(Path.of("/etc/hostname")).trim() : "\u0000");
  }

  @Test
  void truncatedXmlKeepsEntriesBeforeTheBreakAndReportsIt() throws Exception {
    ScreeningList l = ListLoader.load(resource("truncated/cut.xml"), null);
    assertThat(l.entries()).extracting(ListEntry::name).containsExactly("FIRST KEPT ENTITY");
    assertThat(l.problems()).extracting(LoadProblem::reason).containsExactly("invalid_xml");
  }

  @Test
  void otherFilesAreNotLists(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "x");
    assertThatThrownBy(() -> ListLoader.load(f, null)).isInstanceOf(ListFormatException.class);
    assertThatThrownBy(() -> ListLoader.loadAll(dir, null))
        .hasMessageContaining("no list files");
    Path csv = dir.resolve("wrong.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    assertThatThrownBy(() -> ListLoader.load(csv, null)).hasMessageContaining("'name'");
  }

  @Test
  void countryNamesAsListsWriteThem() {
    assertThat(Countries.toCode("Iran (Islamic Republic of)")).isEqualTo("IR");
    assertThat(Countries.toCode("Russian Federation")).isEqualTo("RU");
    assertThat(Countries.toCode("Democratic People's Republic of Korea")).isEqualTo("KP");
    assertThat(Countries.toCode("Germany")).isEqualTo("DE");
    assertThat(Countries.toCode("sg")).isEqualTo("SG");
    assertThat(Countries.toCode("Atlantis")).isNull();
  }
}
