package io.distillwatch.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LSH over template sketches: the bins are cut into bands of {@value #ROWS} rows; two sketches become
 * candidates when all rows of some band are equal, and candidates are kept when their estimated
 * similarity reaches the threshold. With 64 bins (16 bands of 4) a pair at Jaccard J is a candidate
 * with probability 1 − (1 − J⁴)¹⁶: 0.08 at 0.25, 0.64 at 0.5, 0.996 at 0.8 (docs/wire-formats.md).
 *
 * <p>All sketches in one index share a version, key id, seed and bin count (the first one added fixes
 * them); others are refused, as comparing them would be meaningless. Not thread-safe.
 *
 * @param <T> what a sketch stands for (an indicator, an account)
 */
public final class SketchIndex<T> {
  public static final int ROWS = 4;

  private final Map<Long, List<Integer>> buckets = new HashMap<>();
  private final List<TemplateSketch> sketches = new ArrayList<>();
  private final List<T> items = new ArrayList<>();

  /** A sketch found for a query, with its estimated similarity. */
  public record Hit<T>(T item, double similarity) {}

  public void add(TemplateSketch sketch, T item) {
    if (!sketches.isEmpty()) {
      sketches.get(0).similarity(sketch); // throws when incomparable
    }
    if (sketch.isEmpty()) {
      return;
    }
    int id = sketches.size();
    sketches.add(sketch);
    items.add(item);
    int[] v = sketch.values();
    for (int band = 0; band < v.length / ROWS; band++) {
      buckets.computeIfAbsent(bandKey(v, band), k -> new ArrayList<>(1)).add(id);
    }
  }

  public int size() {
    return sketches.size();
  }

  /** Indexed sketches whose estimated similarity to {@code query} is at least {@code threshold}. */
  public List<Hit<T>> query(TemplateSketch query, double threshold) {
    if (sketches.isEmpty() || query.isEmpty()) {
      return List.of();
    }
    sketches.get(0).similarity(query); // throws when incomparable
    int[] v = query.values();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (int band = 0; band < v.length / ROWS; band++) {
      List<Integer> b = buckets.get(bandKey(v, band));
      if (b != null) {
        candidates.addAll(b);
      }
    }
    List<Hit<T>> out = new ArrayList<>();
    for (int id : candidates) {
      double s = sketches.get(id).similarity(query);
      if (s >= threshold) {
        out.add(new Hit<>(items.get(id), s));
      }
    }
    return out;
  }

  private static long bandKey(int[] v, int band) {
    long h = band;
    for (int r = 0; r < ROWS; r++) {
      h = Hash64.combine(h, v[band * ROWS + r]);
    }
    return h;
  }
}
