package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.List;

/** Campaign (d): one heavy, naive account — one hosting address, thousands of single-turn requests a day. */
final class HeavyAccountCampaign implements Population {
  @Override
  public String name() {
    return "campaign_d_heavy";
  }

  @Override
  public String campaign() {
    return "d";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("gpteacher_roleplay", "math_train(deepscaler)");
    if (items.isEmpty()) {
      return;
    }
    Egress server = ctx.net.at(ctx.net.hostingSubnet(ctx.rnd) + 7);
    long created = ctx.cfg.startMs() + Parameters.DAY_MS + ctx.rnd.nextInt((int) Parameters.DAY_MS);
    String account =
        ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, server.country(), ctx.paymentFp("heavy"), "self-serve", false);
    long t = created + 600_000;
    double interval = Parameters.DAY_MS / ctx.rate(Parameters.HEAVY_PER_DAY);
    int cursor = 0;
    while (t < ctx.cfg.endMs()) {
      SimEvent e = ctx.event(account, t);
      e.model = Parameters.OLD_MODEL;
      e.egress = server;
      e.client = ClientProfile.REQUESTS;
      PromptRecord p = items.get(cursor);
      cursor = (cursor + 1) % items.size();
      e.messages.add(SimEvent.Message.user(p.text()));
      e.prompt = p;
      e.maxTokens = Parameters.OLD_MODEL_MAX_OUTPUT;
      e.stream = Boolean.FALSE;
      e.outputTokens = ctx.tokens(1200, 0.6, e.maxTokens);
      ctx.emit(e);
      t += (long) (interval * ctx.rnd.nextDouble() * 2);
    }
  }
}
