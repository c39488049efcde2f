package io.distillwatch.eval.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deals items in a shuffled order, reshuffling when all have been dealt: every item is used as evenly as
 * the pool allows, so cross-account reuse of benign prompts is the least the pool size forces.
 */
final class Deck<T> {
  private final List<T> items;
  private final Random rnd;
  private final List<Integer> order = new ArrayList<>();
  private int next;

  Deck(List<T> items, Random rnd) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("empty deck");
    }
    this.items = items;
    this.rnd = rnd;
  }

  T deal() {
    if (next == order.size()) {
      order.clear();
      for (int i = 0; i < items.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, rnd);
      next = 0;
    }
    return items.get(order.get(next++));
  }
}
