package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import java.util.List;

/**
 * Campaign (j): payment groups (5 accounts per card) rotating over the same three datacenter /24s, a
 * random host of a random /24 for every request, round the clock; each account sweeps its own slice of
 * one instruction set, no system prompt, one client library per payment group.
 */
final class SubnetRotationCampaign implements Population {
  @Override
  public String name() {
    return "campaign_j_subnet_rotation";
  }

  @Override
  public String campaign() {
    return "j";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("gpteacher_codegen", "gpteacher_toolformer_0.9");
    if (items.isEmpty()) {
      return;
    }
    long[] subnets = new long[Parameters.ROTATION_SUBNETS];
    for (int s = 0; s < subnets.length; s++) {
      subnets[s] = ctx.net.hostingSubnet(ctx.rnd);
    }
    int n = ctx.count(Parameters.ROTATION_ACCOUNTS, 2);
    int slice = Math.max(1, items.size() / n);
    for (int i = 0; i < n; i++) {
      int group = i / Parameters.ROTATION_ACCOUNTS_PER_PAYMENT;
      long created = ctx.cfg.startMs() - (long) ((5 + ctx.rnd.nextDouble() * 35) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, ctx.net.at(subnets[0] + 1).country(),
              ctx.paymentFp("rotation" + group), "self-serve", ctx.rnd.nextDouble() < 0.3);
      ClientProfile client = group % 2 == 0 ? ClientProfile.REQUESTS : ClientProfile.HTTPX;
      int perDay = ctx.uniform(Parameters.ROTATION_MIN_PER_DAY, Parameters.ROTATION_MAX_PER_DAY);
      int cursor = (i * slice) % items.size();
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS);
          SimEvent e = ctx.event(account, t);
          e.model = Parameters.OLD_MODEL;
          e.egress = ctx.net.at(subnets[ctx.rnd.nextInt(subnets.length)] + 1 + ctx.rnd.nextInt(254));
          e.client = client;
          PromptRecord p = items.get(cursor);
          cursor = (cursor + 1) % items.size();
          e.messages.add(SimEvent.Message.user(p.text()));
          e.prompt = p;
          e.maxTokens = 4096;
          e.temperature = 0.8;
          e.stream = Boolean.FALSE;
          e.outputTokens = ctx.tokens(1100, 0.5, e.maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
