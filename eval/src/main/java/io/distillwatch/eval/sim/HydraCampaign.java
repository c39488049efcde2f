package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign (a), a hydra: many light accounts (15–40 requests/day each) created in bursts, paying with a
 * few shared payment methods, all exiting through one pool of residential proxy addresses, sweeping one
 * instruction set under one system prompt with max_tokens pinned at the model's limit; half of the
 * accounts move to the new model 1–20 h after its release.
 */
final class HydraCampaign implements Population {
  @Override
  public String name() {
    return "campaign_a_hydra";
  }

  @Override
  public String campaign() {
    return "a";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> sweep = ctx.attackSet(); // every attack family of the split
    if (sweep.isEmpty()) {
      return;
    }
    List<Egress> exits = new ArrayList<>();
    for (int i = 0; i < Parameters.HYDRA_PROXY_EXITS; i++) {
      NetworkPlan.Isp isp = ctx.net.pickResidentialIsp(ctx.rnd);
      exits.add(ctx.net.addressOf(isp, ctx.rnd));
    }
    int n = ctx.count(Parameters.HYDRA_ACCOUNTS, 2);
    long[] bursts = new long[Parameters.HYDRA_CREATION_BURSTS];
    for (int b = 0; b < bursts.length; b++) {
      // from a week before the period to 60% into it
      double span = 7 + ctx.cfg.days() * 0.6;
      bursts[b] = ctx.cfg.startMs() + (long) ((ctx.rnd.nextDouble() * span - 7) * Parameters.DAY_MS);
    }
    int cursor = ctx.rnd.nextInt(sweep.size());
    for (int i = 0; i < n; i++) {
      long created = bursts[i % bursts.length] + ctx.rnd.nextInt((int) Parameters.HOUR_MS);
      String payment = ctx.paymentFp("hydra" + (i / Parameters.HYDRA_ACCOUNTS_PER_PAYMENT));
      String domain = ctx.rnd.nextDouble() < 0.4 ? ctx.pick(Domains.DISPOSABLE) : ctx.pick(Domains.CONSUMER);
      String account =
          ctx.newAccount(created, domain, null, ctx.pick(exits).country(), payment, "self-serve", ctx.rnd.nextDouble() < 0.2);
      boolean pivots = ctx.rnd.nextDouble() < Parameters.HYDRA_PIVOT_SHARE;
      long switchAt =
          pivots ? ctx.cfg.releaseMs() + (long) ((1 + ctx.rnd.nextDouble() * 19) * Parameters.HOUR_MS) : Long.MAX_VALUE;
      ClientProfile client = ctx.pick(List.of(ClientProfile.HTTPX, ClientProfile.OPENAI_PYTHON));
      int perDay = ctx.uniform(Parameters.HYDRA_MIN_PER_DAY, Parameters.HYDRA_MAX_PER_DAY);
      long activeFrom = created + (long) (ctx.rnd.nextDouble() * 6 * Parameters.HOUR_MS);
      for (long dayStart = activeFrom; dayStart < ctx.cfg.endMs(); dayStart += Parameters.DAY_MS) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = dayStart + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS);
          SimEvent e = ctx.event(account, t);
          e.model = ctx.model(t, switchAt);
          e.egress = ctx.pick(exits);
          e.client = client;
          e.system = Wrappers.HYDRA_SYSTEM;
          PromptRecord p = sweep.get(cursor);
          cursor = (cursor + 1) % sweep.size();
          e.messages.add(SimEvent.Message.user(p.text()));
          e.prompt = p;
          e.maxTokens = SimContext.maxOutput(e.model);
          e.temperature = 1.0;
          e.stream = Boolean.FALSE;
          e.outputTokens = ctx.tokens(1400, 0.6, e.maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
