package io.distillwatch.eval.corpus;

/**
 * One prompt from a pool in {@code corpus/*.jsonl.gz} (DESIGN §7). {@code convId} and {@code turn} are
 * set only for records that belong to a recorded conversation ({@code turn} is -1 otherwise).
 */
public record PromptRecord(String cls, String source, String id, String text, String convId, int turn) {

  /** The source without its sub-set suffix: {@code mmlu_redux:anatomy} → {@code mmlu_redux}. */
  public String sourceFamily() {
    return SourceSplit.family(source);
  }
}
