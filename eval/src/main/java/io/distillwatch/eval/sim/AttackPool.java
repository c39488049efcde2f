package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.corpus.PromptPools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Chooses a campaign's instruction set from the attack pools on the run's side of the split. */
final class AttackPool {
  private AttackPool() {}

  /**
   * The records of the first preferred family present on this side of the split, else every attack
   * record on it (families in name order).
   */
  static List<PromptRecord> choose(PromptPools pools, String... preferredFamilies) {
    Map<String, List<PromptRecord>> byFamily = pools.byFamily("attack");
    for (String f : preferredFamilies) {
      if (byFamily.containsKey(f)) {
        return byFamily.get(f);
      }
    }
    List<PromptRecord> all = new ArrayList<>();
    byFamily.values().forEach(all::addAll);
    return all;
  }
}
