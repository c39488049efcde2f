package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.List;

/**
 * Campaign (f): one heavy throw-away account — unverified, disposable e-mail, a few days old — sending
 * thousands of single-turn instruction-dataset prompts a day around the clock (Poisson arrivals) from one
 * cloud address, asking for long outputs without pinning {@code max_tokens} at the limit.
 */
final class ThrowawayCampaign implements Population {
  @Override
  public String name() {
    return "campaign_f_throwaway";
  }

  @Override
  public String campaign() {
    return "f";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("gpteacher_codegen", "gpteacher_toolformer_0.9");
    if (items.isEmpty()) {
      return;
    }
    Egress server = ctx.net.cloud(ctx.pick(List.of("amazon", "google", "digitalocean", "vultr")), ctx.rnd);
    long first = ctx.cfg.startMs() + (long) (ctx.rnd.nextDouble() * 2 * Parameters.DAY_MS);
    double age = Parameters.THROWAWAY_AGE_MIN_DAYS
        + ctx.rnd.nextDouble() * (Parameters.THROWAWAY_AGE_MAX_DAYS - Parameters.THROWAWAY_AGE_MIN_DAYS);
    long created = first - (long) (age * Parameters.DAY_MS);
    String account =
        ctx.newAccount(created, ctx.pick(Domains.DISPOSABLE), null, server.country(), ctx.paymentFp("throwaway"),
            "self-serve", false);
    double mean = Parameters.DAY_MS / ctx.rate(Parameters.THROWAWAY_PER_DAY);
    int cursor = ctx.rnd.nextInt(items.size());
    for (long t = first; t < ctx.cfg.endMs(); t += (long) (-mean * Math.log(1 - ctx.rnd.nextDouble()))) {
      SimEvent e = ctx.event(account, t);
      e.model = Parameters.OLD_MODEL;
      e.egress = server;
      e.client = ClientProfile.HTTPX;
      PromptRecord p = items.get(cursor);
      cursor = (cursor + 1) % items.size();
      e.messages.add(SimEvent.Message.user(p.text()));
      e.prompt = p;
      e.maxTokens = 4096;
      e.temperature = 0.7;
      e.stream = Boolean.FALSE;
      e.outputTokens = ctx.tokens(2200, 0.4, e.maxTokens);
      ctx.emit(e);
    }
  }
}
