package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.List;

/**
 * Campaign (e): slow-and-low accounts that look independent — each its own home address, payment
 * method, client, creation date and time zone, 6–12 requests/day in waking hours — but all sweep disjoint
 * slices of the same dataset in the same instruction layout. Their only link is the template.
 */
final class SlowLowCampaign implements Population {
  @Override
  public String name() {
    return "campaign_e_slow_low";
  }

  @Override
  public String campaign() {
    return "e";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("gpteacher_roleplay", "math_train(deepscaler)");
    if (items.isEmpty()) {
      return;
    }
    int n = ctx.count(Parameters.SLOW_ACCOUNTS, 2);
    int slice = Math.max(1, items.size() / n);
    for (int i = 0; i < n; i++) {
      NetworkPlan.Isp isp = ctx.net.pickResidentialIsp(ctx.rnd);
      Egress home = ctx.net.addressOf(isp, ctx.rnd);
      long created = ctx.cfg.startMs() - (long) ((3 + ctx.rnd.nextDouble() * 200) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, isp.country(), ctx.paymentFp("slow" + i),
              "self-serve", ctx.rnd.nextBoolean());
      ClientProfile client = ctx.pick(ClientProfile.EVERYDAY);
      int perDay = ctx.uniform(Parameters.SLOW_MIN_PER_DAY, Parameters.SLOW_MAX_PER_DAY);
      int cursor = (i * slice) % items.size();
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = ctx.localTime(day, isp.utcOffsetHours(), Parameters.HUMAN_HOURS);
          SimEvent e = ctx.event(account, t);
          e.model = Parameters.OLD_MODEL;
          e.egress = home;
          e.client = client;
          PromptRecord p = items.get(cursor);
          cursor = (cursor + 1) % items.size();
          e.messages.add(SimEvent.Message.user(Wrappers.wrap(Wrappers.INSTRUCTION_LAYOUT, p.text())));
          e.prompt = p;
          e.maxTokens = 4096;
          e.temperature = 0.7;
          e.outputTokens = ctx.tokens(700, 0.6, e.maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
