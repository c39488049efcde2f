package io.distillwatch.eval.sim;

/** One simulated population: creates its accounts and emits their requests through the context. */
interface Population {
  /** Stable name, used in truth.json and to derive this population's random stream. */
  String name();

  /** Campaign id ({@code a}…{@code e}) or null for benign populations. */
  default String campaign() {
    return null;
  }

  void generate(SimContext ctx);
}
