package io.distillwatch.screening.lists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads list files by name: {@code sdn.csv} (with the {@code alt.csv} and {@code add.csv} beside
 * it) as OFAC's SDN files, other {@code *.csv[.gz]} as the US Consolidated Screening List, {@code
 * *.xml[.gz]} as the UN consolidated list, {@code *.json[.gz]} / {@code *.jsonl[.gz]} as
 * OpenSanctions' FollowTheMoney entities. Other files in a directory are ignored.
 */
public final class ListLoader {
  private ListLoader() {}

  /** Whether {@link #load(Path, String)} would read this file. */
  public static boolean isListFile(Path p) {
    String n = SdnCsvLoader.baseName(p);
    if (SdnCsvLoader.isSdnFile(p)) {
      return n.equals("sdn.csv"); // alt.csv and add.csv are read with it
    }
    return n.endsWith(".csv") || n.endsWith(".xml") || n.endsWith(".json") || n.endsWith(".jsonl");
  }

  /** Whether a change to this file changes the loaded lists (a list file or a part of one). */
  public static boolean isListPart(Path p) {
    return isListFile(p) || SdnCsvLoader.isSdnFile(p);
  }

  /**
   * One list file.
   *
   * @param listDateOption the date to use when the file states none (null: file modification date)
   */
  public static ScreeningList load(Path file, String listDateOption) throws ListFormatException {
    String n = SdnCsvLoader.baseName(file);
    if (n.equals("sdn.csv")) {
      return SdnCsvLoader.load(file, listDateOption);
    }
    ListFile f = ListFile.read(file);
    if (n.endsWith(".csv")) {
      return CslCsvLoader.load(f, listDateOption);
    }
    if (n.endsWith(".xml")) {
      return UnXmlLoader.load(f, listDateOption);
    }
    if (n.endsWith(".json") || n.endsWith(".jsonl")) {
      return FtmJsonLoader.load(f, listDateOption);
    }
    throw new ListFormatException(file + ": unknown list format (expected sdn.csv, .csv, .xml, "
        + ".json or .jsonl, each optionally .gz)");
  }

  /** Every list file in a directory (not recursive), in file-name order; a single file also works. */
  public static List<ScreeningList> loadAll(Path dirOrFile, String listDateOption)
      throws ListFormatException {
    if (!Files.isDirectory(dirOrFile)) {
      if (!Files.isRegularFile(dirOrFile)) {
        throw new ListFormatException(dirOrFile + ": no such file or directory");
      }
      return List.of(load(dirOrFile, listDateOption));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dirOrFile)) {
      files = s.filter(Files::isRegularFile).filter(ListLoader::isListFile).sorted().toList();
    } catch (IOException e) {
      throw new ListFormatException(dirOrFile + ": cannot list: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new ListFormatException(dirOrFile
          + ": no list files (sdn.csv, *.csv, *.xml, *.json, *.jsonl, each optionally .gz)");
    }
    // files are independent: parse them in parallel, keep file-name order
    List<java.util.concurrent.CompletableFuture<ScreeningList>> futures = new ArrayList<>();
    for (Path p : files) {
      futures.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return load(p, listDateOption);
        } catch (ListFormatException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }));
    }
    List<ScreeningList> out = new ArrayList<>();
    for (java.util.concurrent.CompletableFuture<ScreeningList> f : futures) {
      try {
        out.add(f.join());
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof ListFormatException lfe) {
          throw lfe;
        }
        throw e;
      }
    }
    return out;
  }
}
