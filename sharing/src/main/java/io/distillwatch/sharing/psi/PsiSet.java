package io.distillwatch.sharing.psi;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A party's set: distinct normalised items and their group elements, hashed once (hashing does not
 * depend on the session key, so a node hashes its set when it loads it, not per session).
 */
public final class PsiSet {

  private final List<PsiItem> items;
  private final Elements hashed;

  private PsiSet(List<PsiItem> items, Elements hashed) {
    this.items = items;
    this.hashed = hashed;
  }

  /** Hashes the distinct items of {@code items} (first occurrence kept) on the workers. */
  public static PsiSet of(List<PsiItem> items, PsiWorkers workers) {
    List<PsiItem> distinct = List.copyOf(new LinkedHashSet<>(items));
    Elements.Builder b = new Elements.Builder(distinct.size());
    workers.forRange(distinct.size(), (from, to) -> {
      byte[] e = new byte[Elements.SIZE];
      for (int i = from; i < to; i++) {
        Ristretto255.hashToGroup(distinct.get(i).hashInput(), e);
        b.set(i, e);
      }
    });
    return new PsiSet(distinct, b.build());
  }

  /**
   * Reads a set file: one item per line ({@code kind:value}, or bare values with {@code
   * defaultKind}); blank lines and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException naming the first bad line (by number, never its content)
   */
  public static List<PsiItem> read(Path file, String defaultKind) throws IOException {
    List<PsiItem> items = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        try {
          items.add(PsiItem.parse(line, defaultKind));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file.getFileName() + " line " + n + ": " + e.getMessage());
        }
      }
    }
    return items;
  }

  public int size() {
    return items.size();
  }

  public PsiItem item(int i) {
    return items.get(i);
  }

  public List<PsiItem> items() {
    return items;
  }

  Elements hashed() {
    return hashed;
  }

  /** The distinct kinds in the set, for reports. */
  public Set<String> kinds() {
    Set<String> kinds = new LinkedHashSet<>();
    items.forEach(i -> kinds.add(i.kind()));
    return kinds;
  }
}
