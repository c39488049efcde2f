package io.distillwatch.node.screening;

import io.distillwatch.screening.ScreeningOptions;
import io.distillwatch.screening.lists.ListFormatException;
import io.distillwatch.screening.lists.ListLoader;
import io.distillwatch.screening.lists.ScreeningList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The watched lists directory: its list files' names, sizes and modification times. A change counts
 * once it has held still for one look (a file being copied in is not read half-written).
 */
final class ListsWatch {
  private final Path dir;
  private volatile String loaded = "";
  private String lastSeen = "";

  ListsWatch(Path dir) {
    this.dir = dir;
  }

  /** Whether the files differ from the ones loaded and have not changed since the last look. */
  boolean changed() {
    String now = fingerprint();
    boolean stable = now.equals(lastSeen);
    lastSeen = now;
    return stable && !now.equals(loaded);
  }

  List<ScreeningList> load(ScreeningOptions options) throws ListFormatException {
    String before = fingerprint();
    List<ScreeningList> lists = ListLoader.loadAll(dir, options.listDate());
    loaded = before;
    lastSeen = before;
    return lists;
  }

  String fingerprint() {
    if (!Files.isDirectory(dir)) {
      return stamp(dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return String.join("|", s.filter(ListLoader::isListPart).sorted()
          .map(p -> p.getFileName() + ":" + stamp(p)).toList());
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
  }

  /** Size and modification time of a file, or "" when it is not there. */
  static String stamp(Path p) {
    try {
      return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return "";
    }
  }
}
