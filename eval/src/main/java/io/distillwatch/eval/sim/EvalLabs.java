package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluation labs: whole benchmarks (hard negatives and harness requests) run in bursts by a harness at
 * fixed concurrency, temperature 0 (pass@k runs: n = 5 at temperature 0.8), from a few cloud addresses;
 * two or three runs on the old model and one on the new model within 1–8 h of its release.
 */
final class EvalLabs implements Population {
  @Override
  public String name() {
    return "eval_lab";
  }

  @Override
  public void generate(SimContext ctx) {
    Map<String, List<PromptRecord>> benchmarks = ctx.pools.byFamily("hard_negative", "hard_negative_harness");
    if (benchmarks.isEmpty()) {
      return;
    }
    List<String> families = new ArrayList<>(benchmarks.keySet());
    int labs = ctx.count(Parameters.LABS, 1);
    for (int l = 0; l < labs; l++) {
      String company = Domains.COMPANIES.get((l * 3 + 11) % Domains.COMPANIES.size()) + " Evals";
      String cloud = ctx.pick(List.of("amazon", "google", "oracle", "linode"));
      List<Egress> nodes = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        nodes.add(ctx.net.cloud(cloud, ctx.rnd));
      }
      String payment = ctx.paymentFp("lab" + l);
      int nAccounts = ctx.uniform(1, 2);
      List<String> accounts = new ArrayList<>();
      for (int a = 0; a < nAccounts; a++) {
        accounts.add(
            ctx.newAccount(ctx.cfg.startMs() - (long) ((30 + ctx.rnd.nextDouble() * 400) * Parameters.DAY_MS),
                Domains.domainOf(company), company, nodes.get(0).country(), payment,
                ctx.pick(List.of("research", "startup", "enterprise")), true));
      }
      int runs = ctx.uniform(Parameters.LAB_RUNS_MIN, Parameters.LAB_RUNS_MAX);
      long releaseDayEnd = ctx.cfg.releaseMs() - 8 * Parameters.HOUR_MS;
      for (int r = 0; r <= runs; r++) {
        boolean onRelease = r == runs;
        long start =
            onRelease
                ? ctx.cfg.releaseMs() + (long) ((1 + ctx.rnd.nextDouble() * 7) * Parameters.HOUR_MS)
                : ctx.cfg.startMs() + (long) (ctx.rnd.nextDouble() * (releaseDayEnd - ctx.cfg.startMs()));
        String model = onRelease ? Parameters.NEW_MODEL : Parameters.OLD_MODEL;
        String account = accounts.get(ctx.rnd.nextInt(accounts.size()));
        int suites = ctx.uniform(1, Math.min(2, families.size()));
        for (int s = 0; s < suites; s++) {
          String family = ctx.pick(families);
          start = run(ctx, account, model, nodes, benchmarks.get(family), family, start);
        }
      }
    }
  }

  /** Runs one benchmark from {@code start}; returns when it finished. */
  private long run(SimContext ctx, String account, String model, List<Egress> nodes, List<PromptRecord> items,
      String family, long start) {
    int concurrency = ctx.uniform(Parameters.LAB_CONCURRENCY_MIN, Parameters.LAB_CONCURRENCY_MAX);
    boolean code = family.contains("humaneval") || family.contains("gsm8k");
    boolean passAtK = code && ctx.rnd.nextDouble() < Parameters.LAB_PASS_AT_K;
    int maxTokens = family.startsWith("mmlu") ? 256 : family.startsWith("bbh") ? 1024 : 768;
    long[] slots = new long[concurrency];
    java.util.Arrays.fill(slots, start);
    long end = start;
    for (int i = 0; i < items.size(); i++) {
      int slot = i % concurrency;
      SimEvent e = ctx.event(account, slots[slot]);
      e.model = model;
      e.egress = nodes.get(slot % nodes.size());
      e.client = ClientProfile.LM_EVAL;
      e.messages.add(SimEvent.Message.user(items.get(i).text()));
      e.prompt = items.get(i);
      e.maxTokens = maxTokens;
      e.temperature = passAtK ? 0.8 : 0.0;
      e.n = passAtK ? 5 : null;
      e.stream = Boolean.FALSE;
      e.outputTokens = ctx.tokens(family.startsWith("mmlu") ? 5 : 180, 0.7, maxTokens) * (passAtK ? 5 : 1);
      ctx.emit(e);
      slots[slot] += Math.max(e.latencyMs, 300) + ctx.rnd.nextInt(50);
      end = Math.max(end, slots[slot]);
    }
    return end + (long) (ctx.rnd.nextDouble() * 20 * 60_000);
  }
}
