package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign (k), our own design from a public report (Google Threat Intelligence Group, "AI Threat Tracker",
 * 2026: reasoning-trace coercion at scale, asking that the model's full reasoning be written in the
 * target language): accounts bought through an API aggregator — each its own prepaid card and webmail
 * address, all behind the aggregator's gateway (four addresses in one cloud, one Node client) — send
 * maths and coding problems asking for the complete reasoning in one language per account, during the
 * business hours of UTC+8.
 */
final class MultilingualReasoningCampaign implements Population {
  @Override
  public String name() {
    return "campaign_k_multilingual_reasoning";
  }

  @Override
  public String campaign() {
    return "k";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("math_train(deepscaler)", "gpteacher_codegen");
    if (items.isEmpty()) {
      return;
    }
    List<Egress> gateway = new ArrayList<>();
    String cloud = ctx.pick(List.of("oracle", "microsoft", "amazon"));
    for (int i = 0; i < Parameters.MULTILINGUAL_EGRESS_IPS; i++) {
      gateway.add(ctx.net.cloud(cloud, ctx.rnd));
    }
    int n = ctx.count(Parameters.MULTILINGUAL_ACCOUNTS, 2);
    int cursor = ctx.rnd.nextInt(items.size());
    for (int i = 0; i < n; i++) {
      long created = ctx.cfg.startMs() - (long) ((2 + ctx.rnd.nextDouble() * 60) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(List.of("qq.com", "163.com", "gmail.com", "outlook.com")), null,
              gateway.get(0).country(), ctx.paymentFp("aggregator" + i), "self-serve", ctx.rnd.nextDouble() < 0.5);
      String template = Wrappers.MULTILINGUAL_REASONING.get(i % Wrappers.MULTILINGUAL_REASONING.size());
      int perDay = ctx.uniform(Parameters.MULTILINGUAL_MIN_PER_DAY, Parameters.MULTILINGUAL_MAX_PER_DAY);
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = ctx.localTime(day, 8, Parameters.WORK_HOURS);
          SimEvent e = ctx.event(account, t);
          e.model = ctx.model(t, ctx.cfg.releaseMs() + 12 * Parameters.HOUR_MS);
          e.egress = ctx.pick(gateway);
          e.client = ClientProfile.OPENAI_NODE;
          PromptRecord p = items.get(cursor);
          cursor = (cursor + 1) % items.size();
          e.messages.add(SimEvent.Message.user(Wrappers.wrap(template, p.text())));
          e.prompt = p;
          e.maxTokens = 6000;
          e.temperature = 0.6;
          e.reasoningEffort = "medium";
          e.reasoningTokens = ctx.tokens(1800, 0.5, 8000);
          e.stream = Boolean.TRUE;
          e.outputTokens = ctx.tokens(1600, 0.5, e.maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
