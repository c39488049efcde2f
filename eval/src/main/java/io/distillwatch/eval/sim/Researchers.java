package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Researchers: varied, multi-turn work from a university network (sometimes from home), some benchmark
 * questions, sometimes a chain-of-thought suffix, temperature sweeps and logprobs, mostly on workdays.
 */
final class Researchers implements Population {
  @Override
  public String name() {
    return "researcher";
  }

  @Override
  public void generate(SimContext ctx) {
    List<List<PromptRecord>> convs = ctx.pools.benignConversations();
    List<PromptRecord> questions = new ArrayList<>(ctx.pools.ofClass("hard_negative"));
    if (convs.isEmpty()) {
      return;
    }
    int n = ctx.count(Parameters.RESEARCHERS, 1);
    for (int i = 0; i < n; i++) {
      Egress campus = ctx.net.university(ctx.rnd);
      NetworkPlan.Isp homeIsp = ctx.net.pickResidentialIsp(ctx.rnd);
      Egress home = ctx.net.addressOf(homeIsp, ctx.rnd);
      String org = campus.asnOrg() == null ? "University" : campus.asnOrg();
      String account =
          ctx.newAccount(ctx.cfg.startMs() - (long) ((10 + ctx.rnd.nextDouble() * 600) * Parameters.DAY_MS),
              org.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".edu.example", org,
              campus.country(), ctx.paymentFp("res" + i), ctx.rnd.nextBoolean() ? "research" : "education", true);
      ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_PYTHON, ClientProfile.ANTHROPIC_PYTHON, ClientProfile.HTTPX));
      double offset = homeIsp.utcOffsetHours();
      long switchAt = ctx.cfg.releaseMs() + (long) (ctx.rnd.nextDouble() * 3 * Parameters.DAY_MS);
      int perDay = ctx.uniform(Parameters.RESEARCH_MIN_PER_DAY, Parameters.RESEARCH_MAX_PER_DAY);
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int budget = ctx.poisson(ctx.rate(SimContext.weekday(day) >= 5 ? perDay * 0.2 : perDay));
        while (budget > 0) {
          long t = ctx.localTime(day, offset, Parameters.HUMAN_HOURS);
          boolean fromHome = ctx.rnd.nextDouble() < 0.3;
          boolean cot = ctx.rnd.nextDouble() < 0.3;
          Double temperature = ctx.pick(List.of(0.0, 0.0, 0.7, 1.0));
          boolean logprobs = ctx.rnd.nextDouble() < 0.15;
          List<PromptRecord> conv =
              !questions.isEmpty() && ctx.rnd.nextDouble() < 0.3 ? List.of(ctx.pick(questions)) : ctx.pick(convs);
          for (int turn = 0; turn < conv.size() && budget > 0; turn++, budget--) {
            SimEvent e = ctx.event(account, t);
            e.model = ctx.model(t, switchAt);
            e.egress = fromHome ? home : campus;
            e.client = client;
            for (int k = 0; k < turn; k++) {
              e.messages.add(SimEvent.Message.user(conv.get(k).text()));
              e.messages.add(SimEvent.Message.assistant());
            }
            String text = conv.get(turn).text();
            e.messages.add(SimEvent.Message.user(cot && turn == 0 ? Wrappers.wrap(Wrappers.RESEARCH_COT, text) : text));
            e.prompt = conv.get(turn);
            e.maxTokens = ctx.pick(List.of(2048, 4096, 8192));
            e.temperature = temperature;
            if (logprobs) {
              e.logprobs = Boolean.TRUE;
              e.topLogprobs = 5;
            }
            if (ctx.rnd.nextDouble() < 0.2) {
              e.reasoningEffort = ctx.pick(List.of("medium", "high"));
              e.reasoningTokens = ctx.tokens(800, 0.8, 8000);
            }
            e.outputTokens = ctx.tokens(cot ? 700 : 450, 0.8, e.maxTokens);
            ctx.emit(e);
            t += e.latencyMs + (long) (1000 * Math.max(10, ctx.logNormal(120, 1.0)));
          }
        }
      }
    }
  }
}
